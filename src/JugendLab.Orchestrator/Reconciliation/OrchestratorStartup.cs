using JugendLab.Orchestrator.Configuration;
using JugendLab.Orchestrator.Runtime;
using JugendLab.Orchestrator.State;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace JugendLab.Orchestrator.Reconciliation;

/// <summary>Before the platform serves anything: data folders, database migrations, the engine, the firewall and egress rules, one full reconcile.</summary>
public sealed class OrchestratorStartup(
    IDbContextFactory<JugendLabDb> dbFactory,
    IContainerRuntime runtime,
    HostFirewall firewall,
    EgressFirewall egress,
    Reconciler reconciler,
    Matrix.Homeserver homeserver,
    IOptions<OrchestratorOptions> options,
    ILogger<OrchestratorStartup> logger) : IHostedService
{
    public async Task StartAsync(CancellationToken ct)
    {
        var o = options.Value;
        Directory.CreateDirectory(o.DataDirectory);
        // Database, repositories and logs are the platform's alone (other local users must not read tokens' hashes or code).
        if (!OperatingSystem.IsWindows())
            File.SetUnixFileMode(o.DataDirectory, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        Directory.CreateDirectory(o.RepositoriesDirectory);
        Directory.CreateDirectory(o.LogsDirectory);
        await using (var db = await dbFactory.CreateDbContextAsync(ct))
            await db.Database.MigrateAsync(ct);

        await runtime.EnsureReachableAsync(ct);
        await firewall.ApplyAsync(ct);
        await egress.ApplyAsync(ct);
        await reconciler.FailInterruptedDeploymentsAsync(ct);
        await reconciler.RemoveUnusedSitesAsync(ct);
        await reconciler.ReconcileAsync(ct);
        // The homeserver comes up beside the platform; nothing waits for it (its job keeps trying).
        _ = Task.Run(() => homeserver.KeepRunningAsync(CancellationToken.None), CancellationToken.None);
        logger.LogInformation("Orchestrator ready; data in {DataDirectory}", Path.GetFullPath(o.DataDirectory));
    }

    public Task StopAsync(CancellationToken ct) => Task.CompletedTask;
}
