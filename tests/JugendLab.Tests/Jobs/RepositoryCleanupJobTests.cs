using JugendLab.Orchestrator.Configuration;
using JugendLab.Orchestrator.Deployments;
using JugendLab.Orchestrator.Jobs;
using JugendLab.Orchestrator.Projects;
using JugendLab.Orchestrator.State;
using JugendLab.Orchestrator.Teams;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace JugendLab.Tests.Jobs;

/// <summary>Against a real SQLite file, real bare repositories made by git, and real folders.</summary>
public sealed class RepositoryCleanupJobTests : IAsyncLifetime
{
    private readonly string _data = Directory.CreateTempSubdirectory("jl-cleanup-").FullName;
    private IDbContextFactory<JugendLabDb> _factory = null!;
    private ProjectRepositories _repositories = null!;
    private string _objects = null!;

    public async Task InitializeAsync()
    {
        var options = Options.Create(new OrchestratorOptions { DataDirectory = _data });
        _factory = new Factory(new DbContextOptionsBuilder<JugendLabDb>().UseSqlite($"Data Source={options.Value.DatabasePath}").Options);
        await using var db = await _factory.CreateDbContextAsync();
        await db.Database.MigrateAsync();
        var team = new Team("kiez", Quota.Default, DateTimeOffset.UtcNow);
        db.Teams.Add(team);
        await db.SaveChangesAsync();
        db.Projects.Add(new Project(team, "radio", null, "main", 256, 0.5, DateTimeOffset.UtcNow));
        await db.SaveChangesAsync();
        _repositories = new ProjectRepositories(options);
        _objects = Path.Combine(await _repositories.CreateAsync("kiez", "radio", default), "objects");
    }

    [Fact]
    public async Task Clean_RemovesOldPushLeftovers_AndSparesYoungOnes()
    {
        var old = Directory.CreateDirectory(Path.Combine(_objects, "tmp_objdir-incoming-old")).FullName;
        Directory.SetLastWriteTimeUtc(old, DateTime.UtcNow.AddHours(-2));
        var young = Directory.CreateDirectory(Path.Combine(_objects, "tmp_objdir-incoming-young")).FullName;
        var job = new RepositoryCleanupJob(_factory, _repositories, new ProjectLocks(), TimeProvider.System, NullLogger<RepositoryCleanupJob>.Instance);

        var removed = await job.CleanAsync(default);

        Assert.Equal(1, removed);
        Assert.False(Directory.Exists(old));
        Assert.True(Directory.Exists(young));
        Assert.True(Directory.Exists(Path.Combine(_objects, "info")), "git's own folders stay");
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
}
