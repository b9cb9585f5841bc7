using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace JugendLab.Web.Pages.Konto;

/// <summary>Sign-out is a form post (with antiforgery), so no other page can sign someone out with a link.</summary>
public sealed class AbmeldenModel : PageModel
{
    public IActionResult OnGet() => LocalRedirect("/");

    public async Task<IActionResult> OnPostAsync()
    {
        await HttpContext.SignOutAsync(WebApp.CookieScheme);
        return LocalRedirect("/anmelden");
    }
}
