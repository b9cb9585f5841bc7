using System.Text;
using JugendLab.Orchestrator.Accounts;
using JugendLab.Orchestrator.Configuration;
using JugendLab.Orchestrator.Deployments;
using JugendLab.Orchestrator.Errors;
using JugendLab.Orchestrator.Projects;
using JugendLab.Orchestrator.State;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace JugendLab.Orchestrator.Notices;

/// <summary>
/// The platform's answers in a team's room. Anyone in the room may ask for <c>!status</c> or <c>!hilfe</c>;
/// <c>!deploy</c> is for members of that team only, recognised by the Matrix account they linked in their profile —
/// the same right the web app checks, the same deploy ("Neu veröffentlichen": the newest commit of the deploy branch).
/// </summary>
public sealed class BotCommands(JugendLabDb db, BackgroundDeploys deploys, IOptions<DomainOptions> domain)
{
    /// <summary>The answer to a command from <paramref name="sender"/> in the room <paramref name="roomKey"/>.</summary>
    public async Task<string> AnswerAsync(string roomKey, string sender, BotCommand command, CancellationToken ct)
    {
        if (command.Name == BotCommand.Help) return command.English ? HelpEnglish : HelpGerman;
        if (command.Name == BotCommand.Unknown)
            return $"Den Befehl !{command.Argument} kenne ich nicht. Schreib !hilfe, dann siehst du, was geht.";
        if (ChatRoom.TeamOf(roomKey) is not { } teamId)
            return "Das geht nur im Raum eines Teams. Hier im Raum der Mentor:innen melde ich neue Anfragen und Meldungen.";
        var team = await db.Teams.Include(t => t.Members).SingleOrDefaultAsync(t => t.Id == teamId, ct);
        if (team is null) return "Dieses Team gibt es nicht mehr.";
        return command.Name == BotCommand.Status
            ? await StatusAsync(team.Id, team.Name, ct)
            : await DeployAsync(team, sender, command.Argument, ct);
    }

    private async Task<string> StatusAsync(int teamId, string teamName, CancellationToken ct)
    {
        var projects = await db.Projects.Include(p => p.Team).Where(p => p.TeamId == teamId).OrderBy(p => p.Slug).ToListAsync(ct);
        if (projects.Count == 0) return $"Team {teamName} hat noch kein Projekt. Ein neues machst du unter {Platform}/teams/{teamName}/neues-projekt";
        var newest = await db.Deployments.Where(d => projects.Select(p => p.Id).Contains(d.ProjectId))
            .GroupBy(d => d.ProjectId).Select(g => g.Max(d => d.Id)).ToListAsync(ct);
        var building = await db.Deployments.Where(d => newest.Contains(d.Id)
                                                       && (d.Status == DeploymentStatus.Building || d.Status == DeploymentStatus.Starting))
            .Select(d => d.ProjectId).ToListAsync(ct);
        var text = new StringBuilder($"Team {teamName}: {projects.Count} {(projects.Count == 1 ? "Projekt" : "Projekte")}\n");
        foreach (var p in projects)
        {
            var state = ProjectOverviewRow.StatusOf(p) switch
            {
                OverviewStatus.Online => $"Live – {domain.Value.ProjectUrl(p.Slug)} (Version {p.LiveDeploymentId})",
                OverviewStatus.Crashed => "Abgestürzt",
                OverviewStatus.UnderReview => "Pausiert (Meldungen werden angeschaut)",
                OverviewStatus.StoppedByStaff => $"Angehalten von {p.StoppedBy}",
                OverviewStatus.StoppedByTeam => "Angehalten",
                _ => "Noch leer",
            };
            if (building.Contains(p.Id)) state += " · baut gerade eine neue Version …";
            text.Append($"• {p.Slug}: {state}\n");
        }
        return text.ToString().TrimEnd();
    }

    private async Task<string> DeployAsync(Teams.Team team, string sender, string? slug, CancellationToken ct)
    {
        if (string.IsNullOrWhiteSpace(slug)) return "Welches Projekt? Schreib zum Beispiel: !deploy meine-seite";
        slug = slug.Trim().ToLowerInvariant();
        var user = await db.Users.SingleOrDefaultAsync(u => u.MatrixUserId == sender, ct);
        if (user is null || user.IsSuspended || !team.HasMember(user.Id))
            return $"Nur Mitglieder von Team {team.Name} dürfen hier Projekte veröffentlichen. Bist du im Team? Dann verknüpf dein Matrix-Konto {sender} unter {Platform}/profil";
        var project = await db.Projects.Include(p => p.Team).SingleOrDefaultAsync(p => p.TeamId == team.Id && p.Slug == slug, ct);
        if (project is null) return $"Team {team.Name} hat kein Projekt «{slug}». !status zeigt eure Projekte.";
        try
        {
            var id = await deploys.RedeployAsync(project, new Actor(user.Id, user.Name, user.Role), Language.German, ct);
            return $"{user.Name} veröffentlicht {project.Slug} neu (Version {id}). Ich melde hier, wenn es online ist. Live zuschauen: {Platform}/projekte/{team.Name}/{project.Slug}/verlauf/{id}";
        }
        catch (DomainException e)
        {
            return $"Das geht gerade nicht: {e.In(Language.German)}";
        }
    }

    private string Platform => domain.Value.PublicUrl.TrimEnd('/');

    public const string HelpGerman =
        "Das kann ich in eurem Team-Raum:\n" +
        "• !status – eure Projekte und wie sie gerade laufen\n" +
        "• !deploy <projekt> – die neuste Version des Projekts nochmals veröffentlichen (nur für Mitglieder des Teams)\n" +
        "• !hilfe – diese Hilfe (auf Englisch: !help)\n" +
        "Ich melde hier auch von selbst, wenn eine neue Version online ist oder nicht klappt, wenn ein Projekt abstürzt oder pausiert wird, und was die Mentor:innen zu euren Anfragen entscheiden.\n" +
        "Dieser Raum ist nicht Ende-zu-Ende-verschlüsselt: keine Passwörter oder Tokens hier.";

    public const string HelpEnglish =
        "What I can do in your team's room:\n" +
        "• !status – your projects and how they run\n" +
        "• !deploy <project> – publish the newest version of a project again (team members only)\n" +
        "• !help – this help (in German: !hilfe)\n" +
        "I also post here when a new version is online or fails, when a project crashes or is paused, and what mentors decided on your requests.\n" +
        "This room is not end-to-end encrypted: no passwords or tokens here.";
}
