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
public sealed class MeldungenModel(ReportService reports, IStringLocalizer<SharedResource> text) : StaffPageModel
{
    public IReadOnlyList<ReportedProject> Open { get; private set; } = [];

    public Task OnGetAsync(CancellationToken ct) => LoadAsync(ct);

    public Task<IActionResult> OnPostReleaseAsync(string project, string? note, CancellationToken ct) =>
        HandleAsync(project, ReportOutcome.Released, note, ct);

    public Task<IActionResult> OnPostKeepAsync(string project, string? note, CancellationToken ct) =>
        HandleAsync(project, ReportOutcome.KeptStopped, note, ct);

    private Task<IActionResult> HandleAsync(string project, ReportOutcome outcome, string? note, CancellationToken ct) =>
        ActAsync(async c =>
        {
            await reports.HandleAsync(User.ToActor(), project, outcome, note, c);
            return text[outcome == ReportOutcome.Released ? "ReportsReleased" : "ReportsKept", project];
        }, ct);

    protected override async Task LoadAsync(CancellationToken ct) => Open = await reports.OpenAsync(User.ToActor(), ct);
}
