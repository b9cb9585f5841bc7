using System.Data.Common;
using JugendLab.Orchestrator.Accounts;
using JugendLab.Orchestrator.Deployments;
using JugendLab.Orchestrator.Errors;
using JugendLab.Orchestrator.Jobs;
using JugendLab.Orchestrator.Projects;
using JugendLab.Orchestrator.Reports;
using JugendLab.Orchestrator.State;
using JugendLab.Orchestrator.Teams;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.Extensions.Time.Testing;

namespace JugendLab.Tests.Projects;

/// <summary>The mentors' overview of every project, against a real SQLite file with the real migrations.</summary>
public sealed class ProjectOverviewTests : IAsyncLifetime
{
    private static readonly Actor Mentor = new(1, "rosa", Role.Mentor);
    private static readonly Actor Youth = new(2, "mia", Role.Youth);
    private readonly string _file = Path.Combine(Path.GetTempPath(), $"jl-overview-{Guid.NewGuid():n}.db");
    private readonly FakeTimeProvider _time = new(DateTimeOffset.Parse("2026-12-02T10:00:00Z"));
    private readonly CommandCounter _commands = new();

    public async Task InitializeAsync()
    {
        await using var db = NewDb();
        await db.Database.MigrateAsync();
    }

    public Task DisposeAsync()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        File.Delete(_file);
        return Task.CompletedTask;
    }

    [Fact]
    public async Task Rows_ComeProblemsFirst_MostUrgentFirst_ThenByName()
    {
        await SeedEveryKindAsync();

        var rows = await ListAsync(new OverviewFilter());

        Assert.Equal(["crashed", "reported", "staff-stop", "failed-first", "failed-redeploy", "empty", "online", "team-stop"],
            rows.Select(r => r.Slug));
        Assert.Equal(5, rows.Count(r => r.IsProblem));
    }

    [Fact]
    public async Task EachRow_SaysHowTheProjectStands_AndWhoStoppedItWhy()
    {
        await SeedEveryKindAsync();

        var rows = (await ListAsync(new OverviewFilter())).ToDictionary(r => r.Slug);

        Assert.Equal(OverviewStatus.Online, rows["online"].Status);
        Assert.Equal(OverviewStatus.Crashed, rows["crashed"].Status);
        Assert.Equal(OverviewStatus.UnderReview, rows["reported"].Status);
        Assert.Null(rows["reported"].StoppedByPerson); // the platform paused it, not a person
        Assert.Equal(OverviewStatus.StoppedByStaff, rows["staff-stop"].Status);
        Assert.Equal(("rosa", "Fotos ohne Erlaubnis"), (rows["staff-stop"].StoppedByPerson, rows["staff-stop"].StopReason));
        Assert.Equal(OverviewStatus.StoppedByTeam, rows["team-stop"].Status);
        Assert.Equal(OverviewStatus.NeverPublished, rows["failed-first"].Status);
        Assert.True(rows["failed-first"].LastDeployFailed);
        Assert.Equal(OverviewStatus.Online, rows["failed-redeploy"].Status); // the old version still serves
        Assert.Equal(OverviewStatus.NeverPublished, rows["empty"].Status);
        Assert.Null(rows["empty"].LastDeploy);
    }

    [Fact]
    public async Task EachRow_HasItsNewestDeploy_NewestFreshSample_AndOpenReportsOnly()
    {
        await SeedEveryKindAsync();

        var rows = (await ListAsync(new OverviewFilter())).ToDictionary(r => r.Slug);

        Assert.Equal(DeploymentStatus.Failed, rows["failed-redeploy"].LastDeploy!.Status);
        Assert.Equal(DeploymentStatus.Live, rows["online"].LastDeploy!.Status);
        Assert.Equal(200L * 1024 * 1024, rows["online"].Usage!.MemoryBytes);   // the newer of two fresh samples
        Assert.Null(rows["failed-redeploy"].Usage);                             // its only sample is an hour old
        Assert.Null(rows["team-stop"].Usage);                                    // a stopped project uses nothing now
        Assert.Equal(3, rows["reported"].OpenReports);                           // the handled fourth does not count
        Assert.Equal(0, rows["online"].OpenReports);
    }

    [Fact]
    public async Task Actions_AreOfferedWhereTheyMeanSomething()
    {
        await SeedEveryKindAsync();

        var rows = (await ListAsync(new OverviewFilter())).ToDictionary(r => r.Slug);

        Assert.Equal((true, false), (rows["online"].CanStop, rows["online"].CanStart));
        Assert.Equal((true, true), (rows["crashed"].CanStop, rows["crashed"].CanStart));
        Assert.Equal((false, true), (rows["staff-stop"].CanStop, rows["staff-stop"].CanStart));
        Assert.Equal((false, true), (rows["reported"].CanStop, rows["reported"].CanStart));
        Assert.Equal((true, true), (rows["team-stop"].CanStop, rows["team-stop"].CanStart));
        Assert.Equal((false, false), (rows["empty"].CanStop, rows["empty"].CanStart));
    }

    [Fact]
    public async Task Filters_ByTeam_PartOfTheName_Status_AndProblemsOnly()
    {
        await SeedEveryKindAsync();

        var quiz = await ListAsync(new OverviewFilter(Team: "quiz"));
        var stop = await ListAsync(new OverviewFilter(Search: " STOP "));
        var crashed = await ListAsync(new OverviewFilter(Status: OverviewStatus.Crashed));
        var problems = await ListAsync(new OverviewFilter(ProblemsOnly: true));

        Assert.Equal(["failed-first", "empty"], quiz.Select(r => r.Slug));
        Assert.Equal(["staff-stop", "team-stop"], stop.Select(r => r.Slug));
        Assert.Equal(["crashed"], crashed.Select(r => r.Slug));
        Assert.Equal(["crashed", "reported", "staff-stop", "failed-first", "failed-redeploy"], problems.Select(r => r.Slug));
    }

    [Fact]
    public async Task TheWholeOverview_TakesFourQueries_HoweverManyProjects()
    {
        await SeedEveryKindAsync();

        _commands.Count = 0;
        await ListAsync(new OverviewFilter());

        Assert.Equal(4, _commands.Count);
    }

    [Fact]
    public async Task OnlyStaff_SeeTheOverview()
    {
        await SeedEveryKindAsync();
        await using var db = NewDb();

        var refused = await Assert.ThrowsAsync<DomainException>(() => new ProjectOverview(db, _time).ListAsync(Youth, new OverviewFilter(), default));

        Assert.Equal(ErrorKind.Forbidden, refused.Kind);
    }

    [Fact]
    public void APauseAfterReports_OfAProjectAMentorHadStopped_ShowsAsUnderReview_WithTheMentorsReason()
    {
        var project = NewProject("both");
        project.GoLive(1);
        project.Stop(Mentor, "Pause über Nacht");
        project.PauseForReview(3);

        var row = ProjectOverviewRow.From(project, null, null, 3);

        Assert.Equal(OverviewStatus.UnderReview, row.Status);
        Assert.Equal("rosa", row.StoppedByPerson);
        Assert.Equal(1, row.ProblemRank);
    }

    private async Task<IReadOnlyList<ProjectOverviewRow>> ListAsync(OverviewFilter filter)
    {
        await using var db = NewDb();
        return await new ProjectOverview(db, _time).ListAsync(Mentor, filter, default);
    }

    /// <summary>One project of each kind, in two teams, added in no particular order.</summary>
    private async Task SeedEveryKindAsync()
    {
        await using var db = NewDb();
        var kiez = new Team("kiez", Quota.Default, _time.GetUtcNow());
        var quiz = new Team("quiz", Quota.Default, _time.GetUtcNow());
        db.Teams.AddRange(kiez, quiz);
        var slugs = new[] { "team-stop", "online", "failed-first", "crashed", "empty", "reported", "failed-redeploy", "staff-stop" };
        var projects = slugs.ToDictionary(s => s, s => new Project(s is "failed-first" or "empty" ? quiz : kiez, s, null, "main", 256, 0.5, _time.GetUtcNow()));
        db.Projects.AddRange(projects.Values);
        await db.SaveChangesAsync();

        foreach (var slug in slugs.Except(["failed-first", "empty"]))
            projects[slug].GoLive((await DeployAsync(db, projects[slug], fail: false)).Id);
        await DeployAsync(db, projects["failed-first"], fail: true);
        await DeployAsync(db, projects["failed-redeploy"], fail: true);
        projects["crashed"].MarkCrashed("Error: Cannot find module 'express'");
        projects["staff-stop"].Stop(Mentor, "Fotos ohne Erlaubnis");
        projects["team-stop"].Stop(Youth, null);
        projects["reported"].PauseForReview(3);

        var now = _time.GetUtcNow();
        db.ResourceSamples.AddRange(
            new ResourceSample(projects["online"].Id, now - TimeSpan.FromMinutes(2), 3, 100L * 1024 * 1024, 256L * 1024 * 1024),
            new ResourceSample(projects["online"].Id, now - TimeSpan.FromMinutes(1), 4, 200L * 1024 * 1024, 256L * 1024 * 1024),
            new ResourceSample(projects["failed-redeploy"].Id, now - TimeSpan.FromHours(1), 5, 50L * 1024 * 1024, 256L * 1024 * 1024),
            new ResourceSample(projects["team-stop"].Id, now - TimeSpan.FromMinutes(1), 5, 50L * 1024 * 1024, 256L * 1024 * 1024));
        var reports = Enumerable.Range(1, 4).Select(i => new Report(projects["reported"], ReportReason.Mean, null, null, $"key{i}", now)).ToList();
        reports[3].Handle(Mentor, ReportOutcome.Released, null, now);
        db.Reports.AddRange(reports);
        await db.SaveChangesAsync();
    }

    private async Task<Deployment> DeployAsync(JugendLabDb db, Project project, bool fail)
    {
        var deployment = new Deployment(project.Id, "push", "mia", _time.GetUtcNow());
        if (fail) deployment.Fail("npm ERR! missing script: start", _time.GetUtcNow());
        else
        {
            deployment.Starting($"c-{project.Slug}");
            deployment.Live(_time.GetUtcNow());
        }
        db.Deployments.Add(deployment);
        await db.SaveChangesAsync();
        _time.Advance(TimeSpan.FromSeconds(1));
        return deployment;
    }

    private static Project NewProject(string slug) =>
        new(new Team("kiez", Quota.Default, DateTimeOffset.UnixEpoch), slug, null, "main", 256, 0.5, DateTimeOffset.UnixEpoch);

    private JugendLabDb NewDb() =>
        new(new DbContextOptionsBuilder<JugendLabDb>().UseSqlite($"Data Source={_file}").AddInterceptors(_commands).Options);

    /// <summary>Counts the queries the database is sent.</summary>
    private sealed class CommandCounter : DbCommandInterceptor
    {
        public int Count;

        public override ValueTask<InterceptionResult<DbDataReader>> ReaderExecutingAsync(DbCommand command, CommandEventData eventData,
            InterceptionResult<DbDataReader> result, CancellationToken cancellationToken = default)
        {
            Interlocked.Increment(ref Count);
            return base.ReaderExecutingAsync(command, eventData, result, cancellationToken);
        }
    }
}
