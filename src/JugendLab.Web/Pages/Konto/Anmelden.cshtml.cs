using JugendLab.Orchestrator.Accounts;
using JugendLab.Web.Accounts;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;

namespace JugendLab.Web.Pages.Konto;

/// <summary>Sign-in with name and password (paste and password managers work, no puzzles), through the same limits
/// against guessing as the API: a form must not be a way around them.</summary>
public sealed class AnmeldenModel(SignInGuard guard, AccountService accounts, IStringLocalizer<SharedResource> text, TimeProvider time)
    : PageModel
{
    [BindProperty] public SignInInput Input { get; set; } = new();
    [BindProperty(SupportsGet = true)] public string? ReturnUrl { get; set; }

    public string? NameError { get; private set; }
    public string? PasswordError { get; private set; }

    public void OnGet() { }

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        var name = Input.Name?.Trim() ?? "";
        if (name.Length == 0) Invalid("Input.Name", NameError = text["NameRequired"]);
        if (string.IsNullOrEmpty(Input.Password)) Invalid("Input.Password", PasswordError = text["PasswordRequired"]);
        if (!ModelState.IsValid) return Page();

        var password = Input.Password!;
        var outcome = await guard.SignInWithPasswordAsync(name, guard.AddressOf(HttpContext),
            c => accounts.AuthenticateAsync(name, password, c), ct);
        if (outcome.Refusal is { } refusal)
        {
            var seconds = refusal.RetryAfterSeconds(time.GetUtcNow());
            Response.StatusCode = refusal.Status;
            Response.Headers.RetryAfter = seconds.ToString(System.Globalization.CultureInfo.InvariantCulture);
            Invalid("", text[refusal.Reason == RefusalReason.Busy ? "SignInBusy" : "SignInWait", seconds]);
            return Page();
        }
        if (outcome.Actor is not { } actor)
        {
            Invalid("", text["SignInWrong"]);
            return Page();
        }
        await HttpContext.SignInAsync(WebApp.CookieScheme, actor.ToPrincipal(WebApp.CookieScheme),
            new AuthenticationProperties { IsPersistent = true });
        return LocalRedirect(Url.IsLocalUrl(ReturnUrl) ? ReturnUrl : "/");
    }

    private void Invalid(string key, string message) => ModelState.AddModelError(key, message);

    /// <summary>What the form sends; the name is kept when the form is refused, the password never is.</summary>
    public sealed class SignInInput
    {
        public string? Name { get; set; }
        public string? Password { get; set; }
    }
}
