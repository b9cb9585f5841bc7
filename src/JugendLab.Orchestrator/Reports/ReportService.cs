using JugendLab.Orchestrator.Accounts;
using JugendLab.Orchestrator.Audit;
using JugendLab.Orchestrator.Configuration;
using JugendLab.Orchestrator.Errors;
using JugendLab.Orchestrator.Projects;
using JugendLab.Orchestrator.Reconciliation;
using JugendLab.Orchestrator.Routing;
using JugendLab.Orchestrator.State;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace JugendLab.Orchestrator.Reports;

/// <summary>
/// Reports from residents, and the mentors' answer. Enough reports from different addresses in a short time pause the
/// project at once (the gateway shows "wird gerade überprüft"), and only a mentor brings it back or keeps it stopped.
/// </summary>
public sealed class ReportService(
    JugendLabDb db, ProjectService projects, Reconciler reconciler, RoutePublisher routes, AuditLog audit, Notices.ChatNotifier notices,
    IOptions<ReportOptions> options, TimeProvider time)
{
    /// <summary>Who the audit log names for a pause by reports: the platform itself, following the rule.</summary>
    private static readonly Actor Platform = new(0, Project.ReviewPauser, Role.Youth);

    /// <summary>Files a report about <paramref name="slug"/>; returns whether this report paused the project.</summary>
    public async Task<bool> SubmitAsync(string slug, ReportReason reason, string? text, string? contact, string reporterKey, CancellationToken ct)
    {
        var o = options.Value;
        var now = time.GetUtcNow();
        var project = await db.Projects.Include(p => p.Team).SingleOrDefaultAsync(p => p.Slug == slug, ct)
                      ?? throw DomainException.NotFound($"Ein Projekt «{slug}» gibt es hier nicht. Prüf die Adresse.",
                          $"There is no project \"{slug}\" here. Check the address.");
        var report = new Report(project, reason, text, contact, reporterKey, now); // a mistake in the form is said first
        var hourAgo = now - TimeSpan.FromHours(1);
        var fromThisAddress = (await db.Reports.Where(r => r.ReporterKey == reporterKey).Select(r => r.At).ToListAsync(ct)).Count(at => at > hourAgo);
        if (fromThisAddress >= o.PerAddressPerHour)
            throw DomainException.TooMany(
                $"Von deinem Anschluss kamen in der letzten Stunde schon {fromThisAddress} Meldungen. Warte bitte eine Stunde, oder sprich direkt mit den Leuten im Quartiertreff.",
                $"{fromThisAddress} reports came from your connection in the last hour. Please wait an hour, or talk to the people at the community centre.");

        db.Reports.Add(report);
        notices.Reported(db, project, report);
        await db.SaveChangesAsync(ct);

        if (project.UnderReview) return false;
        var since = now - o.PauseWindow;
        var reporters = (await db.Reports.Where(r => r.ProjectId == project.Id && r.Outcome == null)
                .Select(r => new { r.ReporterKey, r.At }).ToListAsync(ct))
            .Where(r => r.At > since).Select(r => r.ReporterKey).Distinct().Count();
        if (reporters < o.PauseAfter) return false;

        project.PauseForReview(reporters);
        audit.Record(Platform, AuditAction.ProjectPausedByReports, project.Team.Name, project.Slug,
            $"{reporters} reports from different addresses within {o.PauseWindow.TotalHours:0} hours");
        notices.PausedByReports(db, project, reporters);
        await db.SaveChangesAsync(ct);
        routes.Set(new ProjectRoute(project.Slug, RouteState.UnderReview)); // at once, before the container is gone
        await reconciler.ReconcileProjectAsync(project.Id, ct);
        return true;
    }

    /// <summary>Whether there is a project to report (its address is public anyway).</summary>
    public Task<bool> ExistsAsync(string slug, CancellationToken ct) => db.Projects.AnyAsync(p => p.Slug == slug, ct);

    /// <summary>Projects with open reports, the paused ones first, then the oldest report first. Staff only.</summary>
    public async Task<IReadOnlyList<ReportedProject>> OpenAsync(Actor actor, CancellationToken ct)
    {
        actor.EnsureStaff();
        var open = await db.Reports.Include(r => r.Project).ThenInclude(p => p.Team).Where(r => r.Outcome == null).ToListAsync(ct);
        return open.GroupBy(r => r.ProjectId)
            .Select(g => new ReportedProject(g.First().Project, g.OrderBy(r => r.At).ToList()))
            .OrderByDescending(p => p.Project.UnderReview).ThenBy(p => p.Reports[0].At)
            .ToList();
    }

    public async Task<int> OpenCountAsync(Actor actor, CancellationToken ct)
    {
        actor.EnsureStaff();
        return await db.Reports.CountAsync(r => r.Outcome == null, ct);
    }

    /// <summary>
    /// A mentor's answer to a project's open reports: <see cref="ReportOutcome.Released"/> puts it back online (when it
    /// was paused), <see cref="ReportOutcome.KeptStopped"/> turns the pause into a mentor's stop with the note as reason.
    /// Either way every open report of the project is closed with the note.
    /// </summary>
    public async Task<Project> HandleAsync(Actor actor, string slug, ReportOutcome outcome, string? note, CancellationToken ct)
    {
        actor.EnsureStaff();
        note = note?.Trim();
        if (note?.Length > Report.MaxNoteLength)
            throw DomainException.Invalid($"Die Notiz darf höchstens {Report.MaxNoteLength} Zeichen haben.", $"The note may have at most {Report.MaxNoteLength} characters.");
        if (outcome == ReportOutcome.KeptStopped && string.IsNullOrEmpty(note))
            throw DomainException.Invalid("Schreib einen Grund: Das Team sieht ihn, wenn es das Projekt starten will.",
                "Write a reason: the team sees it when it wants to start the project.");
        var project = await db.Projects.Include(p => p.Team).SingleOrDefaultAsync(p => p.Slug == slug, ct)
                      ?? throw DomainException.NotFound($"Ein Projekt «{slug}» gibt es nicht.", $"There is no project \"{slug}\".");
        var open = await db.Reports.Where(r => r.ProjectId == project.Id && r.Outcome == null).ToListAsync(ct);
        if (open.Count == 0)
            throw DomainException.Conflict("Zu diesem Projekt gibt es keine offenen Meldungen mehr: Jemand hat sie schon bearbeitet.",
                "There are no open reports for this project any more: someone already handled them.");
        var now = time.GetUtcNow();
        foreach (var report in open) report.Handle(actor, outcome, note, now);
        audit.Record(actor, AuditAction.ReportsHandled, project.Team.Name, $"{project.Slug}: {open.Count} reports, {outcome}", note);
        await db.SaveChangesAsync(ct);

        if (outcome == ReportOutcome.KeptStopped)
            return await projects.StopAsync(actor, project.Team.Name, project.Slug, note, ct);
        if (project.UnderReview && project.LiveDeploymentId is not null)
            return await projects.StartAsync(actor, project.Team.Name, project.Slug, note, ct);
        return project;
    }
}

/// <summary>A project and its open reports, oldest first.</summary>
public sealed record ReportedProject(Project Project, IReadOnlyList<Report> Reports)
{
    public int Reporters => Reports.Select(r => r.ReporterKey).Distinct().Count();
}
