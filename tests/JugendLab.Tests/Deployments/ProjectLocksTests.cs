using JugendLab.Orchestrator.Deployments;

namespace JugendLab.Tests.Deployments;

public sealed class ProjectLocksTests
{
    private readonly ProjectLocks _locks = new();

    [Fact]
    public void Upkeep_HoldsTheLock_ButIsNotADeploy()
    {
        // The reconciler passing by a brand-new project must not make its first deploy look refused ("already deploying").
        using var upkeep = _locks.TryAcquire(1);
        Assert.NotNull(upkeep);
        Assert.True(_locks.IsBusy(1));
        Assert.False(_locks.IsWorking(1));
        Assert.Null(_locks.TryAcquire(1));
    }

    [Fact]
    public async Task ADeploy_WaitsForUpkeep_AndCountsAsWorkWhileItWaits()
    {
        var upkeep = _locks.TryAcquire(1)!;
        var deploy = _locks.AcquireAsync(1, CancellationToken.None);
        Assert.False(deploy.IsCompleted);
        Assert.True(_locks.IsWorking(1));

        upkeep.Dispose();
        using (await deploy.WaitAsync(TimeSpan.FromSeconds(5)))
        {
            Assert.True(_locks.IsWorking(1));
            Assert.Null(_locks.TryAcquire(1));
        }
        Assert.False(_locks.IsWorking(1));
        Assert.False(_locks.IsBusy(1));
    }

    [Fact]
    public async Task AWaitingDeployThatIsCancelled_NoLongerCountsAsWork()
    {
        using var first = await _locks.AcquireAsync(1, CancellationToken.None);
        using var cancel = new CancellationTokenSource();
        var second = _locks.AcquireAsync(1, cancel.Token);
        cancel.Cancel();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => second);
        first.Dispose();
        Assert.False(_locks.IsWorking(1));
        Assert.False(_locks.IsBusy(1));
    }

    [Fact]
    public async Task Releasing_Twice_ReleasesOnce()
    {
        var first = await _locks.AcquireAsync(1, CancellationToken.None);
        first.Dispose();
        using var second = _locks.TryAcquire(1);
        first.Dispose();
        Assert.True(_locks.IsBusy(1));
        Assert.Null(_locks.TryAcquire(1));
    }

    [Fact]
    public void Projects_HaveTheirOwnLocks()
    {
        using var one = _locks.TryAcquire(1);
        using var two = _locks.TryAcquire(2);
        Assert.NotNull(two);
    }

    [Fact]
    public async Task TheGeneration_TellsWhetherAnyoneHeldTheLockSinceItWasRead()
    {
        var before = _locks.Generation(1);
        using (var held = _locks.TryAcquire(1)) Assert.Equal(before, _locks.Generation(1)); // while held: unchanged
        var afterUpkeep = _locks.Generation(1);
        using (await _locks.AcquireAsync(1, default)) { }
        var afterWork = _locks.Generation(1);
        _locks.TryAcquire(2)?.Dispose();

        Assert.Equal(before + 1, afterUpkeep);
        Assert.Equal(afterUpkeep + 1, afterWork);
        Assert.Equal(afterWork, _locks.Generation(1)); // another project's lock does not count
    }
}
