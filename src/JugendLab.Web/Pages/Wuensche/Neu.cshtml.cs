using JugendLab.Orchestrator.Errors;
using JugendLab.Orchestrator.Reports;
using JugendLab.Orchestrator.Wishes;
using JugendLab.Web.Accounts;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;

namespace JugendLab.Web.Pages.Wuensche;

/// <summary>A resident posts a wish: no account, the address kept only shortened; a mentor looks at it before it is shown.</summary>
public sealed class NeuModel(WishService wishes, SignInGuard guard, IStringLocalizer<SharedResource> text) : PageModel
{
    [BindProperty] public string? WishTitle { get; set; }
    [BindProperty] public string? Text { get; set; }
    [BindProperty] public string? From { get; set; }
    [BindProperty] public string? Contact { get; set; }
    [TempData] public string? StatusMessage { get; set; }

    public void OnGet() { }

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        try
        {
            await wishes.PostAsync(WishTitle, Text, From, Contact, ReporterAddress.Shorten(guard.ClientAddress(HttpContext)), ct);
            StatusMessage = text["WishThanks"];
            return RedirectToPage();
        }
        catch (DomainException e) when (e.Kind is ErrorKind.Invalid or ErrorKind.TooMany)
        {
            if (e.Kind == ErrorKind.TooMany) Response.StatusCode = StatusCodes.Status429TooManyRequests;
            ModelState.AddModelError("", e.In(PageLanguage.Current));
            return Page();
        }
    }
}
