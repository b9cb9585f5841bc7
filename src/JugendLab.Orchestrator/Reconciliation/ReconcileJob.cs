using Quartz;

namespace JugendLab.Orchestrator.Reconciliation;

/// <summary>The periodic reconcile, scheduled by Quartz.</summary>
[DisallowConcurrentExecution]
public sealed class ReconcileJob(Reconciler reconciler) : IJob
{
    public async ValueTask Execute(IJobExecutionContext context, CancellationToken ct) => await reconciler.ReconcileAsync(ct);
}
