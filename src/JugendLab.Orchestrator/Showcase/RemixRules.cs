using JugendLab.Orchestrator.Accounts;
using JugendLab.Orchestrator.Errors;
using JugendLab.Orchestrator.Projects;
using JugendLab.Orchestrator.Teams;

namespace JugendLab.Orchestrator.Showcase;

/// <summary>
/// When a project may be remixed, and how a remix credits its original (issue "Remix": the copy's first commit and its
/// showcase entry name the original and its team).
/// </summary>
public static class RemixRules
{
    /// <summary>
    /// Only what everyone sees in the Schaufenster can be remixed: a shown entry of a live project. Anything else looks
    /// like it does not exist; a shown project whose team does not allow remixing says so.
    /// </summary>
    public static ShowcaseEntry EnsureRemixable(ShowcaseEntry? original, string slug)
    {
        if (original is null || !original.Shown || original.Project.Status != ProjectStatus.Live || original.Project.LiveDeploymentId is null)
            throw DomainException.NotFound(
                $"Im Schaufenster gibt es kein Projekt «{slug}», das gerade online ist.",
                $"The showcase has no project \"{slug}\" that is online right now.");
        if (!original.AllowRemix)
            throw DomainException.Forbidden(
                $"Das Team {original.Project.Team.Name} erlaubt nicht, «{original.Title}» zu remixen.",
                $"Team {original.Project.Team.Name} does not allow remixing \"{original.Title}\".");
        return original;
    }

    /// <summary>A remix goes into another team, one the actor can work in; the quota is checked when the project is made.</summary>
    public static void EnsureCanRemixInto(ShowcaseEntry original, Team target, Actor actor)
    {
        if (target.Name == original.Project.Team.Name)
            throw DomainException.Invalid(
                $"«{original.Title}» ist schon ein Projekt von deinem Team {target.Name}. Remixen kannst du es in ein anderes Team.",
                $"\"{original.Title}\" already is a project of your team {target.Name}. You can remix it into another team.");
        actor.EnsureCanWorkOn(target);
    }

    /// <summary>The new project's settings: the original's template, and its memory and CPU as far as the team's quota allows.
    /// Variables and secrets are never copied: they belong to the original's team.</summary>
    public static ProjectSettings Settings(Project original, Team target, string name) =>
        new(name, original.Template, null, Math.Min(original.MemoryMb, target.Quota.MemoryMb), Math.Min(original.Cpus, target.Quota.Cpus));

    /// <summary>The message of the remix's first commit, in German and English, naming the original and its team.</summary>
    public static string CommitMessage(ShowcaseEntry original) =>
        $"Remix von «{original.Title}» (Projekt {original.Project.Slug} von Team {original.Project.Team.Name})\n\n" +
        $"Remix of \"{original.Title}\" (project {original.Project.Slug} by team {original.Project.Team.Name})";
}
