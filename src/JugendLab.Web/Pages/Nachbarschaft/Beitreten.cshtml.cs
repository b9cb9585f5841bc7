using JugendLab.Orchestrator.Configuration;
using JugendLab.Orchestrator.Errors;
using JugendLab.Orchestrator.Matrix;
using JugendLab.Web.Accounts;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Options;

namespace JugendLab.Web.Pages.Nachbarschaft;

/// <summary>
/// A neighbour with an invite link (<c>/beitreten?token=…</c>) picks a user name and a password and has an account on
/// the neighbourhood's chat server; then the page says in plain words how to go on in a Matrix app. No e-mail address.
/// </summary>
public sealed class BeitretenModel(NeighbourInvites invites, SignInGuard guard, IOptions<DomainOptions> domain, IOptions<MatrixOptions> matrix)
    : PageModel
{
    [BindProperty(SupportsGet = true)] public string? Token { get; set; }
    [BindProperty] public string? UserName { get; set; }
    [BindProperty] public string? Password { get; set; }

    public NeighbourInviteState State { get; private set; }
    /// <summary>Set once the account is made: the page then shows how to continue.</summary>
    public string? UserId { get; private set; }
    public string? UserNameError { get; private set; }
    public string? PasswordError { get; private set; }
    public string? Unavailable { get; private set; }

    public string ServerName => domain.Value.Base;
    public string SpaceName => matrix.Value.SpaceName;
    public IReadOnlyList<string> RoomNames => matrix.Value.Rooms;
    public string HomeserverUrl => HomeserverConfig.PublicBaseUrl(domain.Value).TrimEnd('/');

    public async Task OnGetAsync(CancellationToken ct) => await CheckAsync(ct);

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        var language = PageLanguage.Current;
        try { UserName = NeighbourInvites.ValidUserName(UserName); }
        catch (DomainException e) { Refuse(nameof(UserName), UserNameError = e.In(language)); }
        try { NeighbourInvites.ValidPassword(Password); }
        catch (DomainException e) { Refuse(nameof(Password), PasswordError = e.In(language)); }
        if (!ModelState.IsValid)
        {
            await CheckAsync(ct);
            return Page();
        }
        try
        {
            UserId = await invites.JoinAsync(Token, UserName, Password, guard.ClientAddress(HttpContext)?.ToString(), ct);
            State = NeighbourInviteState.Open;
            return Page();
        }
        catch (DomainException e) when (e.Kind == ErrorKind.Invalid)
        {
            // The name and the length were checked above: what is left is a password the server finds too weak.
            Refuse(nameof(Password), PasswordError = e.In(language));
        }
        catch (DomainException e) when (e.Kind == ErrorKind.Conflict)
        {
            // Either the name is taken or the invite was used up meanwhile: the invite's state tells which.
            await CheckAsync(ct);
            if (State == NeighbourInviteState.Open) Refuse(nameof(UserName), UserNameError = e.In(language));
            else Refuse("", e.In(language));
            return Page();
        }
        catch (DomainException e) when (e.Kind is ErrorKind.NotFound or ErrorKind.TooMany or ErrorKind.Unavailable)
        {
            Refuse("", e.In(language));
            if (e.Kind == ErrorKind.TooMany) Response.StatusCode = StatusCodes.Status429TooManyRequests;
        }
        await CheckAsync(ct);
        return Page();
    }

    private async Task CheckAsync(CancellationToken ct)
    {
        try { State = await invites.CheckAsync(Token, ct); }
        catch (DomainException e) when (e.Kind == ErrorKind.Unavailable)
        {
            State = NeighbourInviteState.Unknown;
            Unavailable = e.In(PageLanguage.Current);
        }
    }

    private void Refuse(string key, string message) => ModelState.AddModelError(key, message);
}
