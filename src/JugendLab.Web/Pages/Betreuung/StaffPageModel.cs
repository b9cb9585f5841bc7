using JugendLab.Orchestrator.Errors;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace JugendLab.Web.Pages.Betreuung;

/// <summary>
/// A mentors' page whose forms change something. Each post either acts and says so after the redirect (post → redirect →
/// get, the message in a role="status" line), or is refused: then the page shows again with the reason next to the field
/// and at the top, and the form keeps what was typed.
/// </summary>
public abstract class StaffPageModel : PageModel
{
    [TempData] public string? StatusMessage { get; set; }

    /// <summary>Reads what the page shows; runs again when a post is refused.</summary>
    protected abstract Task LoadAsync(CancellationToken ct);

    /// <summary>Runs <paramref name="act"/> (which returns what to tell the mentor) or shows its refusal at <paramref name="field"/>.</summary>
    /// <param name="routeValues">Where to go back to after acting, e.g. the filters the list had.</param>
    protected async Task<IActionResult> ActAsync(Func<CancellationToken, Task<string>> act, CancellationToken ct, string field = "",
        object? routeValues = null)
    {
        try
        {
            StatusMessage = await act(ct);
            return RedirectToPage(routeValues);
        }
        catch (DomainException e) when (e.Kind is ErrorKind.Invalid or ErrorKind.Forbidden or ErrorKind.Conflict or ErrorKind.NotFound or ErrorKind.Unavailable)
        {
            return await RefuseAsync(field, e.In(PageLanguage.Current), ct);
        }
    }

    /// <summary>Shows the page again with <paramref name="message"/> at <paramref name="field"/> ("" for the top only).</summary>
    protected async Task<IActionResult> RefuseAsync(string field, string message, CancellationToken ct)
    {
        ModelState.AddModelError(field, message);
        await LoadAsync(ct);
        return Page();
    }

    /// <summary>Why the last post was refused at <paramref name="field"/>, to show next to it; null when it was not.</summary>
    public string? ErrorFor(string field) =>
        ModelState.TryGetValue(field, out var entry) && entry.Errors.Count > 0 ? entry.Errors[0].ErrorMessage : null;
}
