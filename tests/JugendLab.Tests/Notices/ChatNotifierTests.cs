using JugendLab.Orchestrator.Accounts;
using JugendLab.Orchestrator.Configuration;
using JugendLab.Orchestrator.Deployments;
using JugendLab.Orchestrator.Notices;
using JugendLab.Orchestrator.Projects;
using JugendLab.Orchestrator.State;
using JugendLab.Orchestrator.Teams;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;

namespace JugendLab.Tests.Notices;

/// <summary>What the notices say, against a real SQLite file with the real migrations; and who is told when members change.</summary>
public sealed class ChatNotifierTests : IAsyncLifetime
{
    private readonly string _file = Path.Combine(Path.GetTempPath(), $"jl-notices-{Guid.NewGuid():n}.db");
    private readonly FakeTimeProvider _time = new(DateTimeOffset.Parse("2026-12-03T10:00:00Z"));
    private readonly ChatSignals _signals = new();
    private readonly DomainOptions _domain = new() { Base = "lab.example.org", PublicUrl = "https://lab.example.org" };
    private Project _project = null!;

    public async Task InitializeAsync()
    {
        await using var db = NewDb();
        await db.Database.MigrateAsync();
        var team = new Team("kiez-radio", Quota.Default, _time.GetUtcNow());
        db.Teams.Add(team);
        _project = new Project(team, "radio", null, "main", 128, 0.5, _time.GetUtcNow());
        db.Projects.Add(_project);
        await db.SaveChangesAsync();
    }

    public Task DisposeAsync()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        File.Delete(_file);
        return Task.CompletedTask;
    }

    [Fact]
    public async Task AFailedDeploy_SaysWhy_WithTheBuildsLastLines_AndTheLinkToTheWholeLog()
    {
        await using var db = NewDb();
        var project = await db.Projects.Include(p => p.Team).SingleAsync();
        var deployment = new Deployment(project.Id, "git push", "mia", _time.GetUtcNow());
        db.Deployments.Add(deployment);
        await db.SaveChangesAsync();
        var lines = Enumerable.Range(1, 30).Select(i => $"       Schritt {i}").Append("       " + new string('x', 500)).ToList();

        Notifier().DeployFailed(db, project, deployment, "Der Build ist fehlgeschlagen (exit 3).\nmehr", lines);
        await db.SaveChangesAsync();

        var text = (await db.ChatNotices.SingleAsync()).Text;
        Assert.StartsWith($"Fehler: Version {deployment.Id} von radio ist nicht online gegangen.", text);
        Assert.Contains("Grund: Der Build ist fehlgeschlagen (exit 3).\n", text);
        Assert.DoesNotContain("mehr", text);
        Assert.DoesNotContain("Schritt 21\n", text); // only the last ten lines
        Assert.Contains("Schritt 22\n", text);
        Assert.Contains(new string('x', 199) + "…", text);
        Assert.DoesNotContain(new string('x', 201), text);
        Assert.EndsWith($"https://lab.example.org/projekte/kiez-radio/radio/verlauf/{deployment.Id}", text);
    }

    [Fact]
    public async Task ACrash_SaysTheReason_ButNotWhatTheAppPrinted()
    {
        await using var db = NewDb();
        var project = await db.Projects.Include(p => p.Team).SingleAsync();
        project.GoLive(1);
        project.MarkCrashed("Exit code 1.\nSECRET=hunter2\nTraceback …");

        Notifier().Crashed(db, project);
        await db.SaveChangesAsync();

        var text = (await db.ChatNotices.SingleAsync()).Text;
        Assert.Contains("Abgestürzt: radio", text);
        Assert.Contains("Grund: Exit code 1.", text);
        Assert.DoesNotContain("hunter2", text);
        Assert.Contains("https://lab.example.org/projekte/kiez-radio/radio/logs", text);
    }

    [Fact]
    public async Task WithoutTheOwnHomeserver_NothingIsWritten()
    {
        await using var db = NewDb();
        var project = await db.Projects.Include(p => p.Team).SingleAsync();

        Notifier(new MatrixOptions { Enabled = false }).Resumed(db, project, "rosa");
        Notifier(new MatrixOptions { ExistingHomeserverUrl = "https://matrix.example.org" }).Resumed(db, project, "rosa");
        await db.SaveChangesAsync();

        Assert.Empty(await db.ChatNotices.ToListAsync());
    }

    [Fact]
    public async Task AMemberAdded_OrAnAccountLinked_OrSomeoneSuspended_TellsTheRoomsToFollow()
    {
        Assert.True(_signals.TakeMembersChanged()); // the first pass after a start looks at every room
        Assert.False(_signals.TakeMembersChanged());

        await using var db = NewDb();
        var mia = new User("mia", Role.Youth, null, _time.GetUtcNow());
        db.Users.Add(mia);
        await db.SaveChangesAsync();
        Assert.False(_signals.TakeMembersChanged()); // a new account is in no room

        var team = await db.Teams.Include(t => t.Members).SingleAsync();
        team.AddMember(mia.Id);
        await db.SaveChangesAsync();
        Assert.True(_signals.TakeMembersChanged());

        mia.LinkMatrix("@mia:lab.example.org");
        await db.SaveChangesAsync();
        Assert.True(_signals.TakeMembersChanged());

        team.ChangeQuota(Quota.Default with { MaxProjects = 4 });
        await db.SaveChangesAsync();
        Assert.False(_signals.TakeMembersChanged()); // a quota is not a membership

        team.RemoveMember(mia.Id);
        await db.SaveChangesAsync();
        Assert.True(_signals.TakeMembersChanged());
    }

    [Fact]
    public async Task TheRoomsAreToldOnlyOnceTheChangeIsSaved_AndNotForASaveThatFailed()
    {
        _signals.TakeMembersChanged();
        var whileSaving = new AskedWhileSaving(_signals);
        await using var db = new JugendLabDb(new DbContextOptionsBuilder<JugendLabDb>().UseSqlite($"Data Source={_file}")
            .AddInterceptors(_signals, whileSaving).Options);
        var mia = new User("mia", Role.Youth, null, _time.GetUtcNow());
        db.Users.Add(mia);
        await db.SaveChangesAsync();
        var team = await db.Teams.Include(t => t.Members).SingleAsync();

        team.AddMember(mia.Id);
        await db.SaveChangesAsync();

        // The outbox, had it asked while the save was under way, would have read the rooms' members without mia.
        Assert.False(whileSaving.Told);
        Assert.True(_signals.TakeMembersChanged());

        team.AddMember(userId: 9999); // nobody: the database refuses it
        await Assert.ThrowsAsync<DbUpdateException>(() => db.SaveChangesAsync());
        Assert.False(_signals.TakeMembersChanged());
    }

    /// <summary>Asks for the signal in the middle of a save, as the outbox could at any moment.</summary>
    private sealed class AskedWhileSaving(ChatSignals signals) : Microsoft.EntityFrameworkCore.Diagnostics.SaveChangesInterceptor
    {
        public bool Told { get; private set; }

        public override ValueTask<Microsoft.EntityFrameworkCore.Diagnostics.InterceptionResult<int>> SavingChangesAsync(
            Microsoft.EntityFrameworkCore.Diagnostics.DbContextEventData eventData,
            Microsoft.EntityFrameworkCore.Diagnostics.InterceptionResult<int> result, CancellationToken cancellationToken = default)
        {
            Told |= signals.TakeMembersChanged();
            return ValueTask.FromResult(result);
        }
    }

    private ChatNotifier Notifier(MatrixOptions? matrix = null) => new(Options.Create(_domain), Options.Create(matrix ?? new MatrixOptions()), _time);

    private JugendLabDb NewDb() =>
        new(new DbContextOptionsBuilder<JugendLabDb>().UseSqlite($"Data Source={_file}").AddInterceptors(_signals).Options);
}
