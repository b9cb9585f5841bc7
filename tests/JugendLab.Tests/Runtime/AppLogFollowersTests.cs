using JugendLab.Orchestrator.AppLogs;

namespace JugendLab.Tests.Runtime;

/// <summary>A script opening hundreds of live logs cannot tie up the engine's connections.</summary>
public sealed class AppLogFollowersTests
{
    [Fact]
    public void AScriptOpeningManyLiveLogs_IsRefusedPastTheCap_AndAClosedOneFreesItsPlace()
    {
        var followers = new AppLogFollowers();
        var open = Enumerable.Range(0, AppLogFollowers.MaxPerProject).Select(_ => followers.TryEnter(7)).ToList();

        var tooMany = followers.TryEnter(7);
        var otherProject = followers.TryEnter(8);
        open[0]!.Dispose();
        open[0]!.Dispose(); // twice: still only one place freed
        var again = followers.TryEnter(7);
        var stillFull = followers.TryEnter(7);

        Assert.All(open, Assert.NotNull);
        Assert.Null(tooMany);
        Assert.NotNull(otherProject);
        Assert.NotNull(again);
        Assert.Null(stillFull);
    }
}
