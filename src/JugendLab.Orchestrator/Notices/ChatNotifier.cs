using System.Globalization;
using System.Text;
using JugendLab.Orchestrator.Configuration;
using JugendLab.Orchestrator.Deployments;
using JugendLab.Orchestrator.Projects;
using JugendLab.Orchestrator.Reports;
using JugendLab.Orchestrator.State;
using JugendLab.Orchestrator.Teams;
using Microsoft.Extensions.Options;

namespace JugendLab.Orchestrator.Notices;

/// <summary>
/// What the platform tells teams and mentors in the neighbourhood's chat, in the team's words (Swiss German, like the
/// web app's first language). Each method adds a notice to the caller's unit of work — the same transaction as the
/// change it tells of — and <see cref="ChatOutbox"/> sends it. With the platform's own homeserver off, nothing is written.
/// </summary>
public sealed class ChatNotifier(IOptions<DomainOptions> domain, IOptions<MatrixOptions> matrix, TimeProvider time)
{
    /// <summary>At most this many log lines go into a notice; the whole log is one link away.</summary>
    public const int LogLines = 10;
    private const int MaxLineLength = 200;

    private static readonly CultureInfo German = CultureInfo.GetCultureInfo("de-CH");

    private bool On => matrix.Value.RunsOwnHomeserver;
    private string Platform => domain.Value.PublicUrl.TrimEnd('/');

    public void DeployLive(JugendLabDb db, Project project, Deployment deployment)
    {
        var commit = deployment.Commit is { Length: > 0 } c ? $" ({c[..Math.Min(7, c.Length)]}{(deployment.CommitMessage is { Length: > 0 } m ? ": " + FirstLine(m) : "")})" : "";
        Team(db, project.TeamId,
            $"Online: {project.Slug} läuft in Version {deployment.Id}{commit}.\n" +
            $"Adresse: {domain.Value.ProjectUrl(project.Slug)}\n" +
            $"Veröffentlicht von {deployment.RequestedBy ?? "JugendLab"}.");
    }

    public void DeployFailed(JugendLabDb db, Project project, Deployment deployment, string reason, IReadOnlyList<string> lastLines)
    {
        var text = new StringBuilder()
            .Append($"Fehler: Version {deployment.Id} von {project.Slug} ist nicht online gegangen. ")
            .Append(project.LiveDeploymentId is { } live ? $"Version {live} läuft weiter.\n" : "\n")
            .Append("Grund: ").Append(Clip(FirstLine(reason))).Append('\n');
        var lines = lastLines.Where(l => !string.IsNullOrWhiteSpace(l)).TakeLast(LogLines).ToList();
        if (lines.Count > 0)
        {
            text.Append("Die letzten Zeilen aus dem Bau-Protokoll:\n");
            foreach (var line in lines) text.Append("  ").Append(Clip(line.Trim())).Append('\n');
        }
        text.Append($"Ganzes Protokoll: {Platform}/projekte/{project.Team.Name}/{project.Slug}/verlauf/{deployment.Id}");
        Team(db, project.TeamId, text.ToString());
    }

    public void Crashed(JugendLabDb db, Project project)
    {
        // The reason only, not the app's last lines: an app may print its own secrets, and the chat is not the Logs tab.
        var reason = project.StatusDetail?.Split('\n', StringSplitOptions.RemoveEmptyEntries).FirstOrDefault();
        var text = new StringBuilder($"Abgestürzt: {project.Slug} hat sich immer wieder beendet; die Plattform startet es nicht mehr neu.\n");
        if (reason is not null) text.Append("Grund: ").Append(Clip(reason)).Append('\n');
        text.Append($"Logs: {Platform}/projekte/{project.Team.Name}/{project.Slug}/logs — nach dem Flicken: git push oder !deploy {project.Slug}");
        Team(db, project.TeamId, text.ToString());
    }

    public void PausedByReports(JugendLabDb db, Project project, int reporters)
    {
        Team(db, project.TeamId,
            $"Pausiert: {project.Slug} ist offline, weil {reporters} Leute aus dem Quartier es gemeldet haben. " +
            "Eine Mentor:in schaut es an und gibt es frei oder schreibt euch, was ihr ändern müsst.");
        Mentors(db, $"Pausiert nach Meldungen: {project.Slug} (Team {project.Team.Name}), {reporters} Meldungen von verschiedenen Anschlüssen.\n" +
                    $"Bearbeiten: {Platform}/betreuung/meldungen");
    }

    public void StoppedByStaff(JugendLabDb db, Project project, string staff, string? reason) =>
        Team(db, project.TeamId,
            $"Pausiert: {staff} hat {project.Slug} angehalten." + (string.IsNullOrWhiteSpace(reason) ? "" : $" Grund: {Clip(reason)}") +
            "\nNur eine Mentor:in kann es wieder starten.");

    public void Resumed(JugendLabDb db, Project project, string staff) =>
        Team(db, project.TeamId, $"Wieder online: {staff} hat {project.Slug} wieder gestartet.");

    public void QuotaDecided(JugendLabDb db, QuotaRequest request)
    {
        var head = request.Status switch
        {
            QuotaRequestStatus.Approved => "Eure Anfrage ist bewilligt",
            QuotaRequestStatus.PartlyApproved => "Eure Anfrage ist zum Teil bewilligt",
            _ => "Eure Anfrage ist abgelehnt",
        };
        var text = $"{head} (von {request.DecidedBy}).";
        if (request.Granted is { } g) text += $"\nNeue Quota: {QuotaText(g)}.";
        if (!string.IsNullOrWhiteSpace(request.Note)) text += $"\nNotiz: {Clip(request.Note)}";
        Team(db, request.TeamId, text + $"\n{Platform}/teams/{request.Team.Name}");
    }

    public void QuotaAsked(JugendLabDb db, QuotaRequest request, string teamName) =>
        Mentors(db, $"Neue Anfrage von Team {teamName} ({request.AskedBy}): {QuotaText(request.Asked)} (bisher {QuotaText(request.Before)}).\n" +
                    (string.IsNullOrWhiteSpace(request.Reason) ? "" : $"Warum: {Clip(request.Reason)}\n") +
                    $"Entscheiden: {Platform}/betreuung/anfragen");

    public void TeamAsked(JugendLabDb db, TeamRequest request) =>
        Mentors(db, $"{request.RequestedBy} möchte ein neues Team «{request.Name}».\n" +
                    (string.IsNullOrWhiteSpace(request.Purpose) ? "" : $"Wofür: {Clip(request.Purpose)}\n") +
                    $"Entscheiden: {Platform}/betreuung/teams");

    public void Reported(JugendLabDb db, Project project, Report report) =>
        Mentors(db, $"Neue Meldung zu {project.Slug} (Team {project.Team.Name}): {ReasonText(report.Reason)}." +
                    (string.IsNullOrWhiteSpace(report.Text) ? "" : $"\n«{Clip(report.Text)}»") +
                    $"\nAnschauen: {Platform}/betreuung/meldungen");

    public static string QuotaText(Quota q) => string.Create(German,
        $"{q.MaxProjects} Projekte, {q.MemoryMb} MB Arbeitsspeicher, {q.Cpus:0.##} CPU, {q.DiskMb} MB Speicherplatz");

    private static string ReasonText(ReportReason reason) => reason switch
    {
        ReportReason.Mean => "gemein oder beleidigend",
        ReportReason.Dangerous => "gefährlich oder verboten",
        ReportReason.PersonalData => "zeigt persönliche Daten",
        ReportReason.Copied => "ohne Quellenangabe kopiert",
        ReportReason.Broken => "funktioniert nicht",
        _ => "anderes",
    };

    private void Team(JugendLabDb db, int teamId, string text)
    {
        if (On) db.ChatNotices.Add(ChatNotice.ForTeam(teamId, text, time.GetUtcNow()));
    }

    private void Mentors(JugendLabDb db, string text)
    {
        if (On) db.ChatNotices.Add(ChatNotice.ForMentors(text, time.GetUtcNow()));
    }

    private static string FirstLine(string text) => text.Split('\n', 2)[0].Trim();

    private static string Clip(string text) => text.Length > MaxLineLength ? text[..(MaxLineLength - 1)] + "…" : text;
}
