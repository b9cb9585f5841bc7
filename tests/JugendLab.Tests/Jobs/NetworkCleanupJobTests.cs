using System.Reflection;
using JugendLab.Orchestrator.Configuration;
using JugendLab.Orchestrator.Deployments;
using JugendLab.Orchestrator.Jobs;
using JugendLab.Orchestrator.Projects;
using JugendLab.Orchestrator.Runtime;
using JugendLab.Orchestrator.State;
using JugendLab.Orchestrator.Teams;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging.Abstractions;

namespace JugendLab.Tests.Jobs;

/// <summary>Against a real SQLite file and an engine that knows only networks.</summary>
public sealed class NetworkCleanupJobTests : IAsyncLifetime
{
    private readonly string _data = Directory.CreateTempSubdirectory("jl-netclean-").FullName;
    private readonly ProjectLocks _locks = new();
    private readonly NetworksOnlyRuntime _engine = NetworksOnlyRuntime.Create();
    private IDbContextFactory<JugendLabDb> _factory = null!;
    private int _teamId;
    private readonly List<int> _projectIds = [];

    public async Task InitializeAsync()
    {
        _factory = new Factory(new DbContextOptionsBuilder<JugendLabDb>()
            .UseSqlite($"Data Source={new OrchestratorOptions { DataDirectory = _data }.DatabasePath}").Options);
        await using var db = await _factory.CreateDbContextAsync();
        await db.Database.MigrateAsync();
        var team = new Team("kiez", Quota.Default, DateTimeOffset.UtcNow);
        db.Teams.Add(team);
        await db.SaveChangesAsync();
        var projects = new[] { "radio", "zeitung" }.Select(slug => new Project(team, slug, null, "main", 256, 0.5, DateTimeOffset.UtcNow)).ToList();
        db.Projects.AddRange(projects);
        await db.SaveChangesAsync();
        _teamId = team.Id;
        _projectIds.AddRange(projects.Select(p => p.Id));
        _engine.Networks.Add(new ManagedNetwork("n1", $"jl-main-{_teamId}", _teamId, "10.200.0.0/27"));
    }

    private NetworkCleanupJob Job() => new(_engine.Runtime, _factory, _locks, NullLogger<NetworkCleanupJob>.Instance);

    [Fact]
    public async Task TeamWithNothingRunning_LosesItsNetwork()
    {
        var removed = await Job().RemoveUnusedAsync(default);

        Assert.Equal(1, removed);
        Assert.Empty(_engine.Networks);
    }

    [Fact]
    public async Task TeamMidDeploy_KeepsItsNetwork_EvenBeforeItsContainerExists()
    {
        // The deploy has ensured the network and is about to start the container: nothing is attached yet.
        using (await _locks.AcquireAsync(_projectIds[1], default))
            Assert.Equal(0, await Job().RemoveUnusedAsync(default));

        Assert.Single(_engine.Networks);
        Assert.Equal(0, _engine.RemoveCalls);
    }

    [Fact]
    public async Task NetworkWithAContainer_IsKept_AndTheTeamsLocksAreFreeAfterwards()
    {
        _engine.InUse.Add("n1");

        Assert.Equal(0, await Job().RemoveUnusedAsync(default));

        Assert.Single(_engine.Networks);
        Assert.All(_projectIds, id => Assert.False(_locks.IsBusy(id)));
    }

    public Task DisposeAsync()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        Directory.Delete(_data, recursive: true);
        return Task.CompletedTask;
    }

    private sealed class Factory(DbContextOptions<JugendLabDb> options) : IDbContextFactory<JugendLabDb>
    {
        public JugendLabDb CreateDbContext() => new(options);
    }

    /// <summary>An engine that answers only the network calls; any other call fails the test. A proxy rather than a class,
    /// so methods added to <see cref="IContainerRuntime"/> later do not need a stub here.</summary>
    public class NetworksOnlyRuntime : DispatchProxy
    {
        public List<ManagedNetwork> Networks { get; } = [];
        public HashSet<string> InUse { get; } = [];
        public int RemoveCalls { get; private set; }
        public IContainerRuntime Runtime { get; private set; } = null!;

        public static NetworksOnlyRuntime Create()
        {
            var runtime = Create<IContainerRuntime, NetworksOnlyRuntime>();
            var proxy = (NetworksOnlyRuntime)(object)runtime;
            proxy.Runtime = runtime;
            return proxy;
        }

        protected override object? Invoke(MethodInfo? method, object?[]? args)
        {
            switch (method!.Name)
            {
                case nameof(IContainerRuntime.ListIdleNetworksAsync):
                    return Task.FromResult<IReadOnlyList<ManagedNetwork>>(Networks.ToList());
                case nameof(IContainerRuntime.RemoveNetworkIfUnusedAsync):
                    RemoveCalls++;
                    var network = (ManagedNetwork)args![0]!;
                    return Task.FromResult(!InUse.Contains(network.Id) && Networks.Remove(network));
                default:
                    throw new InvalidOperationException($"The network clean-up must not call {method.Name}.");
            }
        }
    }
}
