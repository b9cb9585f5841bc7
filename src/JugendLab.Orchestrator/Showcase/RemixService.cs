using JugendLab.Orchestrator.Accounts;
using JugendLab.Orchestrator.Deployments;
using JugendLab.Orchestrator.Errors;
using JugendLab.Orchestrator.Projects;
using JugendLab.Orchestrator.State;
using JugendLab.Orchestrator.Teams;
using Microsoft.EntityFrameworkCore;

namespace JugendLab.Orchestrator.Showcase;

/// <summary>
/// "Remixen": a team copies a showcased project of another team into a new project of its own. The copy gets the files
/// of the original's live version as one first commit by the platform that names the original, a hidden showcase entry
/// that credits it, and its first deploy at once, as a new project from a starter does.
/// </summary>
public sealed class RemixService(
    JugendLabDb db, TeamService teams, ProjectService projects, ProjectRepositories repositories, StarterSeeder seeder,
    BackgroundDeploys deploys, TimeProvider time)
{
    /// <summary>The showcase entry of a project that may be remixed (everyone may ask); NotFound or Forbidden otherwise.</summary>
    public async Task<ShowcaseEntry> FindOriginalAsync(string slug, CancellationToken ct)
    {
        var entry = await db.ShowcaseEntries.Include(e => e.Project).ThenInclude(p => p.Team)
            .SingleOrDefaultAsync(e => e.Project.Slug == slug, ct);
        return RemixRules.EnsureRemixable(entry, slug);
    }

    public async Task<NewProjectResult> RemixAsync(Actor actor, string originalSlug, string teamName, string name, Language language,
        CancellationToken ct)
    {
        var original = await FindOriginalAsync(originalSlug, ct);
        var team = await teams.GetAsync(actor, teamName, ct);
        RemixRules.EnsureCanRemixInto(original, team, actor);
        // Checked before the new project exists, so a refusal leaves nothing behind.
        var (source, tree) = await LiveFilesAsync(original, ct);

        var project = await projects.CreateAsync(actor, team.Name, RemixRules.Settings(original.Project, team, name), ct);
        var repository = await repositories.FindAsync(project.Team.Name, project.Slug, ct)
                         ?? throw new InvalidOperationException($"The repository of {project.Slug} is missing right after creating it.");
        await seeder.SeedCopyAsync(repository, project.DeployBranch, source, tree, RemixRules.CommitMessage(original), ct);
        db.ShowcaseEntries.Add(ShowcaseEntry.ForRemix(project, original, actor.Name, time.GetUtcNow()));
        await db.SaveChangesAsync(ct);

        var id = await deploys.StartAsync(new DeployRequest(project.Id, new RepositoryBranch(repository, project.DeployBranch), actor, language), ct);
        return new NewProjectResult(project, id);
    }

    /// <summary>The original's repository and the tree of its live version's commit.</summary>
    private async Task<(string Repository, string Tree)> LiveFilesAsync(ShowcaseEntry original, CancellationToken ct)
    {
        var commit = await db.Deployments.Where(d => d.Id == original.Project.LiveDeploymentId).Select(d => d.Commit).SingleOrDefaultAsync(ct);
        var repository = await repositories.FindAsync(original.Project.Team.Name, original.Project.Slug, ct);
        var tree = string.IsNullOrEmpty(commit) || repository is null ? null : await StarterSeeder.TreeOfAsync(repository, commit, ct);
        // A version deployed from a git address (not pushed) has its files elsewhere, and they stay there.
        return tree is null
            ? throw DomainException.Conflict(
                $"Die Dateien von «{original.Title}» liegen nicht auf dieser Plattform (das Team hat sie von einer Git-Adresse geholt). So lässt es sich nicht remixen.",
                $"The files of \"{original.Title}\" are not on this platform (the team fetched them from a git address). It cannot be remixed.")
            : (repository!, tree);
    }
}
