using JugendLab.Orchestrator.Configuration;
using JugendLab.Orchestrator.Projects;
using JugendLab.Orchestrator.Teams;
using JugendLab.Web.Accounts;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Localization;
using Microsoft.Extensions.Options;

namespace JugendLab.Web.Pages.Betreuung;

/// <summary>
/// "Projekte": every project of every team on one page, problems first. A mentor stops a project with a reason (the stop
/// sticks: the team cannot start it or push until staff start it again) or starts it again, through the same
/// <see cref="ProjectService"/> as the API.
/// </summary>
public sealed class ProjekteModel(ProjectOverview overview, ProjectService projects, TeamService teams, IOptions<DomainOptions> domain,
    IStringLocalizer<SharedResource> text, TimeProvider time) : StaffPageModel
{
    /// <summary>The choice of the status filter that shows every project with a problem.</summary>
    public const string ProblemsChoice = "Problems";

    public const int MaxReasonLength = 500;

    [BindProperty(SupportsGet = true)] public string? Team { get; set; }
    [BindProperty(SupportsGet = true)] public string? Status { get; set; }
    [BindProperty(SupportsGet = true)] public string? Search { get; set; }

    public IReadOnlyList<ProjectOverviewRow> Rows { get; private set; } = [];
    public IReadOnlyList<string> TeamNames { get; private set; } = [];
    public DateTimeOffset Now { get; private set; }

    /// <summary>The form a refused post came from, so that row shows it open with what was typed.</summary>
    public (string Project, string Handler, string? Text)? Refused { get; private set; }

    /// <summary>The filters that are set, as query values: forms and redirects keep them.</summary>
    public Dictionary<string, string> Filters => new Dictionary<string, string?> { ["team"] = Team, ["status"] = Status, ["search"] = Search }
        .Where(f => !string.IsNullOrWhiteSpace(f.Value)).ToDictionary(f => f.Key, f => f.Value!);

    public string SiteUrl(ProjectOverviewRow row) => domain.Value.ProjectUrl(row.Slug);

    public Task OnGetAsync(CancellationToken ct) => LoadAsync(ct);

    public async Task<IActionResult> OnPostStopAsync(string projectTeam, string project, string? reason, CancellationToken ct)
    {
        Refused = (project, "Stop", reason);
        reason = reason?.Trim();
        if (string.IsNullOrEmpty(reason)) return await RefuseAsync(nameof(reason), text["OverviewStopReasonRequired"], ct);
        if (reason.Length > MaxReasonLength) return await RefuseAsync(nameof(reason), text["OverviewStopReasonTooLong", MaxReasonLength], ct);
        return await ActAsync(async c =>
        {
            await projects.StopAsync(User.ToActor(), projectTeam, project, reason, c);
            return text["OverviewStopped", project];
        }, ct, nameof(reason), Filters);
    }

    public Task<IActionResult> OnPostStartAsync(string projectTeam, string project, string? note, CancellationToken ct)
    {
        Refused = (project, "Start", note);
        note = string.IsNullOrWhiteSpace(note) ? null : note.Trim();
        if (note?.Length > MaxReasonLength) return RefuseAsync(nameof(note), text["OverviewNoteTooLong", MaxReasonLength], ct);
        return ActAsync(async c =>
        {
            await projects.StartAsync(User.ToActor(), projectTeam, project, note, c);
            return text["OverviewStarted", project];
        }, ct, nameof(note), Filters);
    }

    protected override async Task LoadAsync(CancellationToken ct)
    {
        var actor = User.ToActor();
        Now = time.GetUtcNow();
        var problemsOnly = Status == ProblemsChoice;
        OverviewStatus? status = !problemsOnly && Enum.TryParse<OverviewStatus>(Status, out var s) && Enum.IsDefined(s) ? s : null;
        Rows = await overview.ListAsync(actor, new OverviewFilter(Team, Search, status, problemsOnly), ct);
        TeamNames = (await teams.ListAsync(actor, ct)).Select(t => t.Name).ToList();
    }

    /// <summary>Whether the row's form for <paramref name="handler"/> was the one refused (it then shows open, with its text and error).</summary>
    public bool WasRefused(ProjectOverviewRow row, string handler) => Refused is { } r && r.Project == row.Slug && r.Handler == handler;
}

/// <summary>Each overview status as a word and a colour (never colour alone).</summary>
public static class OverviewStatusText
{
    public static string Key(this OverviewStatus status) => "OverviewStatus" + status;

    public static string FilterKey(this OverviewStatus status) => "OverviewFilter" + status;

    public static string CssClass(this OverviewStatus status) => status switch
    {
        OverviewStatus.Online => "status-live",
        OverviewStatus.Crashed => "status-crashed",
        OverviewStatus.UnderReview => "status-building",
        OverviewStatus.NeverPublished => "status-empty",
        _ => "status-stopped",
    };
}
