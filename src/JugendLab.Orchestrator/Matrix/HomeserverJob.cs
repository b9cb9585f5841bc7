using Quartz;

namespace JugendLab.Orchestrator.Matrix;

/// <summary>Looks after the homeserver as often as the reconciler looks after the projects.</summary>
[DisallowConcurrentExecution]
public sealed class HomeserverJob(Homeserver homeserver) : IJob
{
    public async ValueTask Execute(IJobExecutionContext context, CancellationToken ct) => await homeserver.KeepRunningAsync(ct);
}
