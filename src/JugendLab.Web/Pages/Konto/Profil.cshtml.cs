using JugendLab.Orchestrator.Accounts;
using JugendLab.Orchestrator.Configuration;
using JugendLab.Orchestrator.Errors;
using JugendLab.Web.Accounts;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;
using Microsoft.Extensions.Options;

namespace JugendLab.Web.Pages.Konto;

/// <summary>
/// "Mein Profil": who the person is here, and the Matrix account their teams' chat rooms invite (linked and unlinked
/// through <see cref="AccountService.LinkMatrixAsync"/>, like <c>PUT /api/me/matrix</c>). Works while the chat is off too.
/// </summary>
public sealed class ProfilModel(AccountService accounts, IOptions<DomainOptions> domain, IOptions<MatrixOptions> matrix,
    IStringLocalizer<SharedResource> text) : PageModel
{
    /// <summary>What is in the field: the linked account on a visit, what was typed after a refusal.</summary>
    [BindProperty] public string? MatrixUserId { get; set; }
    [TempData] public string? StatusMessage { get; set; }

    public string Name { get; private set; } = "";
    public Role Role { get; private set; }

    /// <summary>The account linked before this request; a refused post does not change it.</summary>
    public string? LinkedMatrixUserId { get; private set; }

    public string? MatrixError { get; private set; }
    public bool ChatEnabled => matrix.Value.RunsOwnHomeserver; // the platform talks only on the homeserver it runs itself

    /// <summary>The server part of an example address (the neighbourhood's own homeserver is named after the platform).</summary>
    public string ServerName => domain.Value.Base;

    /// <summary>What an address on that server looks like, in the empty field.</summary>
    public string ExampleAddress => $"@mia:{ServerName}";

    public async Task OnGetAsync(CancellationToken ct)
    {
        await LoadAsync(ct);
        MatrixUserId = LinkedMatrixUserId;
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        await LoadAsync(ct);
        // An empty field unlinks (as in the API), but with nothing linked an empty save is a slip: say what goes there.
        if (string.IsNullOrWhiteSpace(MatrixUserId) && LinkedMatrixUserId is null)
            return Refused(text["ProfileMatrixRequired", ServerName]);
        return await LinkAsync(MatrixUserId, ct);
    }

    public async Task<IActionResult> OnPostUnlinkAsync(CancellationToken ct)
    {
        await LoadAsync(ct);
        return await LinkAsync(null, ct);
    }

    /// <summary>The resource key of the line shown after saving: whether an invitation comes depends on the chat being on.</summary>
    public static string SavedMessageKey(string? linked, bool chatEnabled) =>
        linked is null ? "ProfileMatrixUnlinked" : chatEnabled ? "ProfileMatrixSaved" : "ProfileMatrixSavedChatOff";

    private async Task<IActionResult> LinkAsync(string? matrixUserId, CancellationToken ct)
    {
        try
        {
            var user = await accounts.LinkMatrixAsync(User.ToActor(), matrixUserId, ct);
            StatusMessage = text[SavedMessageKey(user.MatrixUserId, ChatEnabled), user.MatrixUserId ?? ""];
            return RedirectToPage();
        }
        catch (DomainException e) when (e.Kind is ErrorKind.Invalid or ErrorKind.Conflict)
        {
            return Refused(e.In(PageLanguage.Current));
        }
    }

    /// <summary>Reads the person as stored: taken before a change, so a refused change never shows as linked.</summary>
    private async Task LoadAsync(CancellationToken ct)
    {
        var me = await accounts.MeAsync(User.ToActor(), ct);
        (Name, Role, LinkedMatrixUserId) = (me.Name, me.Role, me.MatrixUserId);
    }

    private PageResult Refused(string message)
    {
        ModelState.AddModelError(nameof(MatrixUserId), MatrixError = message);
        return Page();
    }
}
