using JugendLab.Orchestrator.Errors;
using JugendLab.Orchestrator.Teams;

namespace JugendLab.Tests.Teams;

public sealed class QuotaTests
{
    [Fact]
    public void Default_IsSmall() => Assert.Equal(new Quota(3, 256, 0.5, 1024), Quota.Default);

    [Fact]
    public void Allow_TooMuchMemory_NamesTheLimitAndTheExcess()
    {
        var error = Assert.Throws<DomainException>(() => Quota.Default.Allow(memoryMb: 400, cpus: 0.5));
        Assert.Equal(ErrorKind.QuotaExceeded, error.Kind);
        Assert.Contains("256 MB per project (144 MB too much)", error.English);
        Assert.Contains("144 MB zu viel", error.German);
    }

    [Fact]
    public void Allow_TooMuchCpu_NamesTheLimit()
    {
        var error = Assert.Throws<DomainException>(() => Quota.Default.Allow(memoryMb: 128, cpus: 2));
        Assert.Contains("0.5 CPU", error.English);
        Assert.Contains("1.5 too much", error.English);
        Assert.Contains("0,5 CPU", error.German);
    }

    [Fact]
    public void Allow_WithinQuota_Passes() => Quota.Default.Allow(256, 0.5);

    [Fact]
    public void AllowAnotherProject_AtTheLimit_IsRefused()
    {
        var error = Assert.Throws<DomainException>(() => Quota.Default.AllowAnotherProject(existing: 3));
        Assert.Contains("3 of 3 projects", error.English);
    }

    [Fact]
    public void AllowData_OverTheDiskQuota_NamesTheLimitAndTheExcess()
    {
        var error = Assert.Throws<DomainException>(() => (Quota.Default with { DiskMb = 10 }).AllowData(12L * 1024 * 1024));
        Assert.Contains("12 MB", error.English);
        Assert.Contains("(2 MB too much)", error.English);
    }

    [Fact]
    public void AllowData_WithinTheDiskQuota_Passes() => Quota.Default.AllowData(1024L * 1024 * 1024);

    [Fact]
    public void Allow_ZeroMemory_IsRefusedBecauseItWouldMeanNoLimit() =>
        Assert.Throws<DomainException>(() => Quota.Default.Allow(memoryMb: 0, cpus: 0.5));

    [Fact]
    public void Validated_Nonsense_IsRefused() =>
        Assert.Throws<DomainException>(() => new Quota(3, 1, 0.5, 1024).Validated());
}
