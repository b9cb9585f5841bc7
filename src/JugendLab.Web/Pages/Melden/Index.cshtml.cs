using JugendLab.Orchestrator.Errors;
using JugendLab.Orchestrator.Reports;
using JugendLab.Web.Accounts;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;

namespace JugendLab.Web.Pages.Melden;

/// <summary>
/// "Problem melden" at a fixed address per project, for anyone: a reason from a fixed list, free text, and — only if
/// they want — a way to be contacted. No account; the address is stored only shortened; one address may send a few per hour.
/// </summary>
public sealed class IndexModel(ReportService reports, SignInGuard guard, IStringLocalizer<SharedResource> text) : PageModel
{
    public static readonly ReportReason[] Reasons = Enum.GetValues<ReportReason>();

    [BindProperty(SupportsGet = true)] public string Project { get; set; } = "";
    [BindProperty] public ReportReason? Reason { get; set; }
    [BindProperty] public string? Text { get; set; }
    [BindProperty] public string? Contact { get; set; }
    [TempData] public string? StatusMessage { get; set; }
    public string? ReasonError { get; private set; }
    public string? TextError { get; private set; }

    public async Task<IActionResult> OnGetAsync(CancellationToken ct) =>
        await reports.ExistsAsync(Project, ct) ? Page() : NotFound();

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        if (Reason is null) ModelState.AddModelError(nameof(Reason), ReasonError = text["ReportReasonRequired"]);
        if (!ModelState.IsValid) return Page();
        try
        {
            await reports.SubmitAsync(Project, Reason!.Value, Text, Contact, ReporterAddress.Shorten(guard.ClientAddress(HttpContext)), ct);
            StatusMessage = text["ReportThanks"];
            return RedirectToPage(new { project = Project });
        }
        catch (DomainException e) when (e.Kind is ErrorKind.Invalid or ErrorKind.TooMany)
        {
            if (e.Kind == ErrorKind.TooMany) Response.StatusCode = StatusCodes.Status429TooManyRequests;
            var message = e.In(PageLanguage.Current);
            ModelState.AddModelError(e.Kind == ErrorKind.Invalid && Reason == ReportReason.Other ? nameof(Text) : "", message);
            if (e.Kind == ErrorKind.Invalid && Reason == ReportReason.Other) TextError = message;
            return Page();
        }
    }
}
