using JugendLab.Orchestrator.Accounts;
using JugendLab.Orchestrator.Errors;
using JugendLab.Orchestrator.Invites;
using JugendLab.Orchestrator.Naming;
using JugendLab.Web.Accounts;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;

namespace JugendLab.Web.Pages.Konto;

/// <summary>
/// "Beitreten": a youth with an invite code (typed, or from its link or QR code) picks a nickname and a password and is
/// signed in, in the mentor's team. Nothing else is asked. A wrong code counts as a failed sign-in of the address, so
/// the sign-in limits stand before guessing codes too.
/// </summary>
public sealed class BeitretenModel(SignInGuard guard, InviteService invites, IStringLocalizer<SharedResource> text, TimeProvider time)
    : PageModel
{
    [BindProperty(SupportsGet = true)] public string? Code { get; set; }
    [BindProperty] public string? Nickname { get; set; }
    [BindProperty] public string? Password { get; set; }

    /// <summary>The team the code leads into, when the code is known and still open.</summary>
    public string? TeamName { get; private set; }

    public string? CodeError { get; private set; }
    public string? NicknameError { get; private set; }
    public string? PasswordError { get; private set; }

    public async Task<IActionResult> OnGetAsync([FromQuery] string? token, CancellationToken ct)
    {
        // /beitreten?token=… is a neighbourhood invite to the chat server, not a youth's invite code.
        if (!string.IsNullOrWhiteSpace(token) && string.IsNullOrWhiteSpace(Code))
            return RedirectToPage("/Nachbarschaft/Beitreten", new { token });
        if (string.IsNullOrWhiteSpace(Code)) return Page();
        // Only a code that can still be used names its team; the page never says more about others.
        var invite = await invites.FindAsync(Code, ct);
        if (invite is not null && invite.StateAt(time.GetUtcNow()) == InviteState.Open) TeamName = invite.Team.Name;
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        Nickname = Nickname?.Trim().ToLowerInvariant();
        if (string.IsNullOrWhiteSpace(Code)) Invalid(nameof(Code), CodeError = text["JoinCodeRequired"]);
        if (string.IsNullOrWhiteSpace(Nickname)) Invalid(nameof(Nickname), NicknameError = text["JoinNicknameRequired"]);
        if (string.IsNullOrEmpty(Password)) Invalid(nameof(Password), PasswordError = text["PasswordRequired"]);
        if (!ModelState.IsValid) return Page();

        // The name and the password are checked here first, so what the join itself refuses is about the code or a taken name.
        var language = PageLanguage.Current;
        try { Nickname = Slug.Validate(Nickname, NameKind.User); }
        catch (DomainException e) { Invalid(nameof(Nickname), NicknameError = e.In(language)); }
        try { AccountService.ValidPassword(Password!); }
        catch (DomainException e) { Invalid(nameof(Password), PasswordError = e.In(language)); }
        if (!ModelState.IsValid) return Page();

        try
        {
            var outcome = await guard.SignInWithPasswordAsync("invite:" + Code, guard.AddressOf(HttpContext),
                c => invites.JoinAsync(Code, Nickname, Password, c), ct);
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
                Invalid(nameof(Code), CodeError = text["JoinCodeUnknown"]);
                return Page();
            }
            await HttpContext.SignInAsync(WebApp.CookieScheme, actor.ToPrincipal(WebApp.CookieScheme),
                new AuthenticationProperties { IsPersistent = true });
            TempData["StatusMessage"] = text["JoinWelcome", actor.Name].Value;
            return LocalRedirect("/");
        }
        catch (DomainException e) when (e.Kind == ErrorKind.Conflict)
        {
            Invalid(nameof(Nickname), NicknameError = e.In(language)); // the name was taken
            return Page();
        }
        catch (DomainException e) when (e.Kind == ErrorKind.Invalid)
        {
            Invalid(nameof(Code), CodeError = e.In(language)); // used, expired or withdrawn
            return Page();
        }
    }

    private void Invalid(string key, string message) => ModelState.AddModelError(key, message);
}
