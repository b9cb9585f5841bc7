using System.Text;
using JugendLab.Orchestrator.Configuration;
using JugendLab.Orchestrator.Deployments;
using JugendLab.Orchestrator.Errors;
using JugendLab.Orchestrator.Projects;
using JugendLab.Orchestrator.State;
using JugendLab.Orchestrator.Teams;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace JugendLab.Tests.Deployments;

/// <summary>
/// The live build log for browsers: a watcher gets every line once, in order, joins late or comes back without repeats,
/// learns how the deploy ended — and can never slow the build down or make the platform hold its log in memory.
/// Against a real SQLite file and real log files.
/// </summary>
public sealed class BuildLogFeedTests : IAsyncLifetime
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(20);
    private readonly string _data = Directory.CreateTempSubdirectory("jl-feed-").FullName;
    private IOptions<OrchestratorOptions> _options = null!;
    private IDbContextFactory<JugendLabDb> _factory = null!;
    private BuildLogFeed _feed = null!;
    private int _projectId;

    public async Task InitializeAsync()
    {
        _options = Options.Create(new OrchestratorOptions { DataDirectory = _data });
        _factory = new Factory(new DbContextOptionsBuilder<JugendLabDb>().UseSqlite($"Data Source={_options.Value.DatabasePath}").Options);
        await using var db = await _factory.CreateDbContextAsync();
        await db.Database.MigrateAsync();
        var team = new Team("kiez", Quota.Default, DateTimeOffset.UtcNow);
        db.Teams.Add(team);
        var project = new Project(team, "radio", null, "main", 256, 0.5, DateTimeOffset.UtcNow);
        db.Projects.Add(project);
        await db.SaveChangesAsync();
        _projectId = project.Id;
        _feed = new BuildLogFeed(_factory, _options, TimeProvider.System);
    }

    [Fact]
    public async Task WatcherWhoJoinsMidBuild_GetsEveryLineOnceInOrder_ThenNewOnes_ThenTheEnd()
    {
        var deploy = new FakeDeploy(this);
        var running = deploy.RunAsync();
        var id = await deploy.Recorded.Task.WaitAsync(Patience);
        deploy.Say(3);

        var watcher = new Watcher(_feed.ReadAsync(id, 0, CancellationToken.None));
        await watcher.WaitForLinesAsync(3);
        deploy.Say(4);
        await watcher.WaitForLinesAsync(7);
        deploy.Finish(succeeded: true);
        await running.WaitAsync(Patience);
        var events = await watcher.Done.WaitAsync(Patience);

        var lines = events.OfType<BuildLogLine>().ToList();
        Assert.Equal(Enumerable.Range(1, lines.Count).Select(n => (long)n), lines.Select(l => l.Number));
        Assert.Equal(deploy.Written, lines.Select(l => l.Text));
        var end = Assert.IsType<BuildLogEnd>(events[^1]);
        Assert.True(end.Succeeded);
        Assert.Equal(deploy.Steps, end.Step);
    }

    [Fact]
    public async Task WatcherWhoComesBack_WithTheLastLineItHad_GetsNoRepeats_DuringAndAfterTheDeploy()
    {
        var deploy = new FakeDeploy(this);
        var running = deploy.RunAsync();
        var id = await deploy.Recorded.Task.WaitAsync(Patience);
        deploy.Say(10);
        await deploy.WaitForFileLinesAsync(id, deploy.Written.Count);

        var resumed = new Watcher(_feed.ReadAsync(id, 7, CancellationToken.None));
        await resumed.WaitForLinesAsync(3);
        deploy.Say(2);
        await resumed.WaitForLinesAsync(5);
        deploy.Finish(succeeded: false, error: "Der Build ist fehlgeschlagen.");
        await running.WaitAsync(Patience);
        var during = (await resumed.Done.WaitAsync(Patience)).OfType<BuildLogLine>().ToList();
        var after = await new Watcher(_feed.ReadAsync(id, 7, CancellationToken.None)).Done.WaitAsync(Patience);

        Assert.Equal(8, during[0].Number);
        Assert.Equal(deploy.Written.Skip(7), during.Select(l => l.Text));
        Assert.Equal(deploy.Written.Skip(7), after.OfType<BuildLogLine>().Select(l => l.Text));
        var end = Assert.IsType<BuildLogEnd>(after[^1]);
        Assert.Equal(DeploymentStatus.Failed, end.Status);
        Assert.Equal("Der Build ist fehlgeschlagen.", end.Error);
        Assert.Equal(deploy.Steps, end.Step);
    }

    [Fact]
    public async Task WatcherWhoStopsReading_NeverHoldsUpTheBuild_AndLaterStillGetsEveryLineFromTheFile()
    {
        var deploy = new FakeDeploy(this);
        var running = deploy.RunAsync();
        var id = await deploy.Recorded.Task.WaitAsync(Patience);
        deploy.Say(1);
        // A watcher that took the first line and then stopped reading (a phone that went to sleep).
        await using var stalled = _feed.ReadAsync(id, 0, CancellationToken.None).GetAsyncEnumerator();
        Assert.True(await stalled.MoveNextAsync());

        await Task.Run(() => deploy.Say(20_000)).WaitAsync(Patience);
        deploy.Finish(succeeded: true);
        await running.WaitAsync(Patience);
        Assert.False(_feed.IsRunning(id));

        var rest = new List<BuildLogEvent>();
        while (await stalled.MoveNextAsync()) rest.Add(stalled.Current);
        Assert.Equal(deploy.Written.Skip(1), rest.OfType<BuildLogLine>().Select(l => l.Text));
        Assert.True(Assert.IsType<BuildLogEnd>(rest[^1]).Succeeded);
    }

    [Fact]
    public async Task DeployThatEndsByAnException_TellsWatchersItFailed()
    {
        var deploy = new FakeDeploy(this);
        var running = deploy.RunAsync();
        var id = await deploy.Recorded.Task.WaitAsync(Patience);
        var watcher = new Watcher(_feed.ReadAsync(id, 0, CancellationToken.None));

        deploy.Crash();
        await Assert.ThrowsAsync<InvalidOperationException>(() => running.WaitAsync(Patience));

        var end = Assert.IsType<BuildLogEnd>((await watcher.Done.WaitAsync(Patience))[^1]);
        Assert.False(end.Succeeded);
        Assert.False(_feed.IsRunning(id));
    }

    [Fact]
    public async Task HalfWrittenLine_IsNotSent_UntilItsEnd()
    {
        var path = Path.Combine(_data, "half.log");
        await using var file = new FileStream(path, FileMode.Create, FileAccess.Write, FileShare.ReadWrite);
        using var lines = new LogFileLines(path);

        await file.WriteAsync(Encoding.UTF8.GetBytes("-----> Baue radio\n       Schritt 1/2 : FROM jugend"));
        await file.FlushAsync();
        var first = await ReadNew(lines);
        await file.WriteAsync(Encoding.UTF8.GetBytes("lab/static:latest\n"));
        await file.FlushAsync();
        var second = await ReadNew(lines);

        Assert.Equal(["-----> Baue radio"], first);
        Assert.Equal(["       Schritt 1/2 : FROM jugendlab/static:latest"], second);
    }

    [Fact]
    public void Progress_CountsStepLines_AndKnowsWhenTheAppStarts_InBothLanguages()
    {
        var german = BuildProgress.Of(["-----> Baue radio", "       Step 1/2", "-----> " + DeploySteps.StartingGerman]);
        var english = BuildProgress.Of(["-----> Building radio", "-----> " + DeploySteps.WaitingEnglish]);
        var building = BuildProgress.Of(["-----> Baue radio", " !     kaputt"]);

        Assert.Equal((2, DeployPhase.Starting), (german.Step, german.Phase));
        Assert.Equal((2, DeployPhase.Starting), (english.Step, english.Phase));
        Assert.Equal((1, DeployPhase.Building), (building.Step, building.Phase));
    }

    private static async Task<List<string>> ReadNew(LogFileLines lines)
    {
        var read = new List<string>();
        await foreach (var line in lines.ReadNewAsync(CancellationToken.None)) read.Add(line);
        return read;
    }

    /// <summary>Reads a feed on its own, as a browser would, and lets the test wait until it has seen some lines.</summary>
    private sealed class Watcher
    {
        private readonly List<BuildLogEvent> _seen = [];

        public Watcher(IAsyncEnumerable<BuildLogEvent> events) => Done = Task.Run(async () =>
        {
            await foreach (var e in events) lock (_seen) _seen.Add(e);
            lock (_seen) return _seen.ToList();
        });

        public Task<List<BuildLogEvent>> Done { get; }

        public async Task WaitForLinesAsync(int count)
        {
            var until = DateTime.UtcNow + Patience;
            while (Lines() < count)
            {
                Assert.True(DateTime.UtcNow < until, $"the watcher saw {Lines()} lines, not {count}");
                Assert.False(Done.IsCompleted, "the watcher stopped early");
                await Task.Delay(10);
            }
        }

        private int Lines()
        {
            lock (_seen) return _seen.OfType<BuildLogLine>().Count();
        }
    }

    public Task DisposeAsync()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        Directory.Delete(_data, recursive: true);
        return Task.CompletedTask;
    }

    /// <summary>Stands in for the pipeline: records a deployment, writes lines when told, ends when told.</summary>
    private sealed class FakeDeploy(BuildLogFeedTests test)
    {
        private readonly TaskCompletionSource<(bool Succeeded, string? Error)> _finish = new(TaskCreationOptions.RunContinuationsAsynchronously);
        private DeployLog _log = null!;

        public TaskCompletionSource<int> Recorded { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
        public List<string> Written { get; } = [];
        public int Steps { get; private set; }

        public Task<DeployOutcome> RunAsync() => test._feed.RunAsync(Language.German, 64L * 1024 * 1024, _ => { }, id => Recorded.SetResult(id),
            async log =>
            {
                _log = log;
                await using var db = await test._factory.CreateDbContextAsync();
                var deployment = new Deployment(test._projectId, "web", "mia", DateTimeOffset.UtcNow);
                db.Deployments.Add(deployment);
                await db.SaveChangesAsync();
                log.AttachDeployment(deployment.Id, test._options.Value.DeploymentLogPath(deployment.Id));
                var (succeeded, error) = await _finish.Task;
                if (!succeeded)
                {
                    deployment.Fail(error!, DateTimeOffset.UtcNow);
                    await db.SaveChangesAsync();
                }
                return new DeployOutcome(deployment.Id, succeeded, succeeded ? "http://radio.lab.localhost" : null, error);
            });

        /// <summary>Writes <paramref name="count"/> lines, every fifth a step line.</summary>
        public void Say(int count)
        {
            for (var i = 0; i < count; i++)
            {
                if (Written.Count % 5 == 0)
                {
                    _log.Step($"Schritt {Written.Count}", $"Step {Written.Count}");
                    Steps++;
                    Written.Add($"-----> Schritt {Written.Count}");
                }
                else
                {
                    _log.Output($"Zeile {Written.Count} äöü");
                    Written.Add($"       Zeile {Written.Count} äöü");
                }
            }
        }

        public void Finish(bool succeeded, string? error = null) => _finish.SetResult((succeeded, error));

        public void Crash() => _finish.SetException(new InvalidOperationException("the engine went away"));

        public async Task WaitForFileLinesAsync(int id, int count)
        {
            var path = test._options.Value.DeploymentLogPath(id);
            while ((await LogFileLines.ReadAllAsync(path, CancellationToken.None)).Count < count) await Task.Delay(10);
        }

    }

    private sealed class Factory(DbContextOptions<JugendLabDb> options) : IDbContextFactory<JugendLabDb>
    {
        public JugendLabDb CreateDbContext() => new(options);
    }
}
