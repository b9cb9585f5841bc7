using JugendLab.Orchestrator.Jobs;
using JugendLab.Orchestrator.Runtime;

namespace JugendLab.Tests.Jobs;

/// <summary>The prune job removes dangling anonymous volumes, and never anybody's named volume.</summary>
public sealed class LeftoverVolumeRuleTests
{
    private static readonly DateTimeOffset Cutoff = new(2026, 12, 2, 5, 0, 0, TimeSpan.Zero);
    private static readonly string Anonymous = new string('a', 60) + "b9f3";
    private static readonly Dictionary<string, string> NoLabels = [];

    [Fact]
    public void OldAnonymousVolume_WithoutLabels_IsALeftover() =>
        Assert.True(ImagePruneJob.IsAnonymousLeftover(new EngineVolume(Anonymous, NoLabels, Cutoff.AddHours(-1)), Cutoff));

    [Fact]
    public void AnonymousVolume_MarkedAnonymousByANewerEngine_IsALeftover() =>
        Assert.True(ImagePruneJob.IsAnonymousLeftover(new EngineVolume(Anonymous,
            new Dictionary<string, string> { ["com.docker.volume.anonymous"] = "" }, Cutoff.AddHours(-1)), Cutoff));

    [Fact]
    public void YoungAnonymousVolume_IsSpared_ItMayBelongToAContainerBeingCreated() =>
        Assert.False(ImagePruneJob.IsAnonymousLeftover(new EngineVolume(Anonymous, NoLabels, Cutoff.AddMinutes(1)), Cutoff));

    [Fact]
    public void VolumeWithoutCreationTime_IsSpared() =>
        Assert.False(ImagePruneJob.IsAnonymousLeftover(new EngineVolume(Anonymous, NoLabels, null), Cutoff));

    [Theory]
    [InlineData("jl-main-data-7")] // a project's /data: named, and it must outlive every deployment
    [InlineData("postgres-data")]
    [InlineData("AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA")]
    public void NamedVolume_IsNeverALeftover(string name) =>
        Assert.False(ImagePruneJob.IsAnonymousLeftover(new EngineVolume(name, NoLabels, Cutoff.AddDays(-30)), Cutoff));

    [Fact]
    public void AnonymousLookingVolume_WithSomeonesLabels_IsSpared() =>
        Assert.False(ImagePruneJob.IsAnonymousLeftover(new EngineVolume(Anonymous,
            new Dictionary<string, string> { ["com.docker.compose.project"] = "shop" }, Cutoff.AddDays(-30)), Cutoff));
}
