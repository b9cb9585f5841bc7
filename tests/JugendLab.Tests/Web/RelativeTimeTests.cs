using JugendLab.Web.Pages;

namespace JugendLab.Tests.Web;

public sealed class RelativeTimeTests
{
    private static readonly DateTimeOffset Now = DateTimeOffset.Parse("2026-12-02T10:00:00Z");

    [Theory]
    [InlineData(-30, "TimeJustNow", 0)]          // a clock a little ahead
    [InlineData(59, "TimeJustNow", 0)]
    [InlineData(60, "TimeMinuteAgo", 1)]
    [InlineData(119, "TimeMinuteAgo", 1)]
    [InlineData(5 * 60 + 30, "TimeMinutesAgo", 5)]
    [InlineData(60 * 60, "TimeHourAgo", 1)]
    [InlineData(23 * 60 * 60 + 59 * 60, "TimeHoursAgo", 23)]
    [InlineData(24 * 60 * 60, "TimeDayAgo", 1)]
    [InlineData(9 * 24 * 60 * 60, "TimeDaysAgo", 9)]
    public void Of_SaysHowLongAgo_InTheLargestWholeUnit(int secondsAgo, string key, int count) =>
        Assert.Equal((key, count), RelativeTime.Of(Now - TimeSpan.FromSeconds(secondsAgo), Now));
}
