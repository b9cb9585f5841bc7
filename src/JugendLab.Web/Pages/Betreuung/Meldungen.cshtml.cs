using JugendLab.Orchestrator.Errors;
using JugendLab.Orchestrator.Reports;
using JugendLab.Web.Accounts;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;

namespace JugendLab.Web.Pages.Betreuung;

/// <summary>
/// "Meldungen": what residents reported, per project, the paused ones first. The mentor puts a project back online or
/// keeps it stopped with a reason the team reads; either way the project's open reports are closed.
/// </summary>
public sealed class MeldungenModel(ReportService reports, IStringLocalizer<SharedResource> text) : PageModel
{
    public IReadOnlyList<ReportedProject> Open { get; private set; } = [];
    [TempData] public string? StatusMessage { get; set; }

    public async Task OnGetAsync(CancellationToken ct) => Open = await reports.OpenAsync(User.ToActor(), ct);

    public Task<IActionResult> OnPostReleaseAsync(string project, string? note, CancellationToken ct) =>
        HandleAsync(project, ReportOutcome.Released, note, ct);

    public Task<IActionResult> OnPostKeepAsync(string project, string? note, CancellationToken ct) =>
        HandleAsync(project, ReportOutcome.KeptStopped, note, ct);

    private async Task<IActionResult> HandleAsync(string project, ReportOutcome outcome, string? note, CancellationToken ct)
    {
        try
        {
            await reports.HandleAsync(User.ToActor(), project, outcome, note, ct);
            StatusMessage = text[outcome == ReportOutcome.Released ? "ReportsReleased" : "ReportsKept", project];
            return RedirectToPage();
        }
        catch (DomainException e) when (e.Kind is ErrorKind.Invalid or ErrorKind.Conflict)
        {
            ModelState.AddModelError("", e.In(PageLanguage.Current));
            Open = await reports.OpenAsync(User.ToActor(), ct);
            return Page();
        }
    }
}
