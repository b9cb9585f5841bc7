using System.Text;
using JugendLab.Orchestrator.Accounts;
using JugendLab.Orchestrator.Configuration;
using JugendLab.Orchestrator.Deployments;
using JugendLab.Orchestrator.Errors;
using JugendLab.Orchestrator.Naming;
using JugendLab.Orchestrator.State;
using JugendLab.Orchestrator.Teams;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace JugendLab.Orchestrator.Projects;

/// <summary>What a team asks for when it makes a project: its settings, and where the first version comes from
/// (a starter's key, or <see cref="Starter.GitKey"/> with a git address; neither: an empty project).</summary>
public sealed record NewProject(ProjectSettings Settings, string? Starter, string? GitUrl = null, string? GitRef = null);

/// <summary>The new project, and the id of its first deployment when one was started.</summary>
public sealed record NewProjectResult(Project Project, int? DeploymentId);

/// <summary>Whether a project name can be taken, and if not, why (with an idea that works) in both languages.</summary>
public sealed record ProjectNameCheck(string Name, bool Available, string? ProblemDe, string? ProblemEn)
{
    public string? Problem(Language language) => language == Language.English ? ProblemEn : ProblemDe;
}

/// <summary>
/// "Neues Projekt", for the page and the API alike: create the project, write the starter's first commit, and start its
/// first deploy at once, so the project is live before the team wrote a line.
/// </summary>
public sealed class NewProjectService(
    ProjectService projects, TeamService teams, JugendLabDb db, ProjectRepositories repositories, StarterSeeder seeder,
    BackgroundDeploys deploys, IOptions<BuildOptions> build)
{
    public const string RulesDe =
        "2 bis 32 Zeichen: Kleinbuchstaben (a–z), Ziffern und Bindestriche. Am Anfang ein Buchstabe, am Ende kein Bindestrich. Der Name wird Teil der Adresse deines Projekts.";
    public const string RulesEn =
        "2 to 32 characters: lower-case letters (a–z), digits and dashes. A letter first, no dash at the end. The name becomes part of your project's address.";

    public static string Rules(Language language) => language == Language.English ? RulesEn : RulesDe;

    public async Task<NewProjectResult> CreateAsync(Actor actor, string teamName, NewProject request, Language language, CancellationToken ct)
    {
        // Everything about the first version is checked before the project exists, so a refused choice leaves nothing behind.
        var starter = request.Starter is null or Starter.GitKey ? null : Starter.Find(request.Starter);
        if (request.Starter == Starter.GitKey) await CheckGitUrlAsync(request.GitUrl, ct);

        var project = await projects.CreateAsync(actor, teamName, request.Settings, ct);
        if (request.Starter is null) return new NewProjectResult(project, null);
        var repository = await repositories.FindAsync(project.Team.Name, project.Slug, ct)
                         ?? throw new InvalidOperationException($"The repository of {project.Slug} is missing right after creating it.");
        CodeSource source;
        if (starter is not null)
        {
            await seeder.SeedAsync(repository, project.DeployBranch, starter, ct);
            source = new RepositoryBranch(repository, project.DeployBranch);
        }
        else
        {
            source = new GitUrl(request.GitUrl!.Trim(), string.IsNullOrWhiteSpace(request.GitRef) ? null : request.GitRef.Trim());
        }
        var id = await deploys.StartAsync(new DeployRequest(project.Id, source, actor, language), ct);
        return new NewProjectResult(project, id);
    }

    private async Task CheckGitUrlAsync(string? url, CancellationToken ct)
    {
        url = url?.Trim();
        if (string.IsNullOrEmpty(url))
            throw DomainException.Invalid("Gib die Git-Adresse ein, von der dein Code kommt (z. B. https://codeberg.org/team/projekt.git).",
                "Enter the git address your code comes from (e.g. https://codeberg.org/team/project.git).");
        GitUrlRules.Validate(url);
        if (!build.Value.AllowPrivateGitHosts) await GitUrlRules.EnsurePublicHostAsync(url, ct);
    }

    /// <summary>Whether <paramref name="name"/> is a valid project name nobody has yet; only for members of the team (else NotFound).</summary>
    public async Task<ProjectNameCheck> CheckNameAsync(Actor actor, string teamName, string? name, CancellationToken ct)
    {
        await teams.GetAsync(actor, teamName, ct);
        name = name?.Trim() ?? "";
        string slug;
        try
        {
            slug = Slug.Validate(name, NameKind.Project);
        }
        catch (DomainException e)
        {
            var idea = await FreeIdeaAsync(Simplify(name), ct);
            return new ProjectNameCheck(name, false, e.German + Idea(idea, "Probier zum Beispiel"), e.English + Idea(idea, "Try for example"));
        }
        if (!await IsTakenAsync(slug, ct)) return new ProjectNameCheck(slug, true, null, null);
        var other = await FreeIdeaAsync(slug, ct, numbered: true);
        return new ProjectNameCheck(slug, false,
            $"Den Namen «{slug}» gibt es schon." + Idea(other, "Probier zum Beispiel"),
            $"The name \"{slug}\" is already taken." + Idea(other, "Try for example"));
    }

    private static string Idea(string? idea, string lead) => idea is null ? "" : $" {lead} «{idea}».";

    private Task<bool> IsTakenAsync(string slug, CancellationToken ct) => db.Projects.AnyAsync(p => p.Slug == slug, ct);

    /// <summary>A valid, free name close to <paramref name="start"/> (itself, or with -2 … -9), or null.</summary>
    private async Task<string?> FreeIdeaAsync(string start, CancellationToken ct, bool numbered = false)
    {
        var candidates = (numbered ? [] : new[] { start }).Concat(Enumerable.Range(2, 8).Select(n => $"{start[..Math.Min(start.Length, 29)]}-{n}"));
        foreach (var candidate in candidates)
            if (IsValid(candidate) && !await IsTakenAsync(candidate, ct)) return candidate;
        return null;
    }

    private static bool IsValid(string name)
    {
        try { Slug.Validate(name, NameKind.Project); return true; }
        catch (DomainException) { return false; }
    }

    /// <summary>What a youth probably meant: "Kiez Radio!" → "kiez-radio", "Müsli_Bar" → "muesli-bar".</summary>
    public static string Simplify(string name)
    {
        var text = new StringBuilder();
        foreach (var c in name.Trim().ToLowerInvariant())
            text.Append(c switch
            {
                'ä' => "ae", 'ö' => "oe", 'ü' => "ue", 'é' or 'è' or 'ê' => "e", 'à' or 'â' => "a",
                >= 'a' and <= 'z' or >= '0' and <= '9' => c.ToString(),
                _ => "-",
            });
        var simple = string.Join('-', text.ToString().Split('-', StringSplitOptions.RemoveEmptyEntries)).TrimStart('0', '1', '2', '3', '4', '5', '6', '7', '8', '9', '-');
        return simple.Length > 32 ? simple[..32].TrimEnd('-') : simple;
    }
}
