using JugendLab.Web.Accounts;
using Microsoft.Extensions.Time.Testing;

namespace JugendLab.Tests.Accounts;

public sealed class FailureTrackerTests
{
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 12, 2, 12, 0, 0, TimeSpan.Zero));

    private FailureTracker Tracker(int capacity = 100) =>
        new(failuresBeforeDelay: 5, TimeSpan.FromSeconds(1), TimeSpan.FromMinutes(15), TimeSpan.FromHours(1), capacity, _time);

    [Fact]
    public void AFewTypos_CostNoWait()
    {
        var tracker = Tracker();
        for (var i = 0; i < 4; i++) Assert.Equal(TimeSpan.Zero, tracker.Fail("mia"));
        Assert.Equal(TimeSpan.Zero, tracker.WaitFor("mia"));
    }

    [Fact]
    public void AGuesser_WaitsLongerAfterEveryFailure_UpToFifteenMinutes()
    {
        var tracker = Tracker();
        for (var i = 0; i < 4; i++) tracker.Fail("admin");

        var waits = Enumerable.Range(0, 14).Select(_ =>
        {
            var wait = tracker.Fail("admin");
            _time.Advance(wait);   // a patient guesser waits each time, and is not forgiven for it
            return wait.TotalSeconds;
        }).ToArray();

        Assert.Equal([1, 2, 4, 8, 16, 32, 64, 128, 256, 512, 900, 900, 900, 900], waits);
    }

    [Fact]
    public void TheWait_EndsWhenItsTimeHasPassed()
    {
        var tracker = Tracker();
        for (var i = 0; i < 6; i++) tracker.Fail("admin");   // the sixth failure: 2 s
        Assert.Equal(TimeSpan.FromSeconds(2), tracker.WaitFor("admin"));

        _time.Advance(TimeSpan.FromSeconds(1.5));
        Assert.Equal(TimeSpan.FromSeconds(0.5), tracker.WaitFor("admin"));

        _time.Advance(TimeSpan.FromSeconds(0.5));
        Assert.Equal(TimeSpan.Zero, tracker.WaitFor("admin"));
    }

    [Fact]
    public void OtherKeys_AreNotHeldBack()
    {
        var tracker = Tracker();
        for (var i = 0; i < 10; i++) tracker.Fail("admin");
        Assert.Equal(TimeSpan.Zero, tracker.WaitFor("mia"));
    }

    [Fact]
    public void ASuccess_StartsTheCountOver()
    {
        var tracker = Tracker();
        for (var i = 0; i < 7; i++) tracker.Fail("mia");

        tracker.Forget("mia");

        Assert.Equal(TimeSpan.Zero, tracker.WaitFor("mia"));
        Assert.Equal(TimeSpan.Zero, tracker.Fail("mia"));
    }

    [Fact]
    public void Failures_AreForgotten_AfterAnHourWithoutNewOnes()
    {
        var tracker = Tracker();
        for (var i = 0; i < 4; i++) tracker.Fail("mia");

        _time.Advance(TimeSpan.FromMinutes(59));
        Assert.Equal(TimeSpan.FromSeconds(1), tracker.Fail("mia") );   // still counted: the fifth failure

        _time.Advance(TimeSpan.FromHours(1));
        Assert.Equal(TimeSpan.Zero, tracker.Fail("mia"));             // forgotten: the first again
    }

    [Fact]
    public void AFloodOfInventedNames_NeverGrowsTheTableBeyondItsCapacity()
    {
        var tracker = Tracker(capacity: 100);
        for (var i = 0; i < 10; i++) tracker.Fail("admin");

        for (var i = 0; i < 10_000; i++)
        {
            tracker.Fail($"invented{i}");
            Assert.True(tracker.Count <= 100, $"{tracker.Count} entries after {i + 1} names");
        }

        // The name that waits longest is the last to be forgotten: the flood does not set the guessed account free.
        Assert.True(tracker.WaitFor("admin") > TimeSpan.Zero);
    }
}
