using System.Text;
using JugendLab.Orchestrator.Runtime;

namespace JugendLab.Tests.Runtime;

/// <summary>An app's output reaches the Logs tab as whole lines with exact times, whatever chunks the engine sends.</summary>
public sealed class AppLogLinesTests
{
    private static byte[] Utf8(string s) => Encoding.UTF8.GetBytes(s);

    [Fact]
    public void ALineSplitAcrossChunks_IsJoined_WithItsTimestampAndStream()
    {
        var splitter = new LogLineSplitter(LogStream.Stderr);

        var first = splitter.Add(Utf8("2026-12-02T07:48:18.123456789Z Traceback (most "));
        var second = splitter.Add(Utf8("recent call last)\r\n2026-12-02T07:48:18.123456790Z   File \"app.py\"\n2026-12-02T07:48:19.000000001Z no newline"));
        var last = splitter.Flush();

        Assert.Empty(first);
        Assert.Equal(["Traceback (most recent call last)", "  File \"app.py\""], second.Select(l => l.Text));
        Assert.All(second, l => Assert.Equal(LogStream.Stderr, l.Stream));
        Assert.Equal("2026-12-02T07:48:18.123456789Z", second[0].Time.ToString());
        Assert.True(second[0].Time < second[1].Time); // one nanosecond apart, still in order
        Assert.Equal("no newline", last!.Text);
    }

    [Fact]
    public void AUtf8CharacterSplitAcrossChunks_ArrivesWhole()
    {
        var splitter = new LogLineSplitter(LogStream.Stdout);
        var bytes = Utf8("2026-12-02T07:48:18.000000000Z Grüezi 🙂\n");
        var cut = Array.IndexOf(bytes, (byte)0xF0) + 2; // in the middle of the emoji

        var lines = splitter.Add(bytes[..cut]).Concat(splitter.Add(bytes[cut..])).ToList();

        Assert.Equal("Grüezi 🙂", Assert.Single(lines).Text);
    }

    [Fact]
    public void AnAppPrintingOneHugeLine_CannotBloatThePlatform_TheLineIsCutAndMarked()
    {
        var splitter = new LogLineSplitter(LogStream.Stdout);
        var lines = new List<ContainerLogLine>();

        lines.AddRange(splitter.Add(Utf8("2026-12-02T07:48:18.000000000Z ")));
        for (var i = 0; i < 1000; i++) lines.AddRange(splitter.Add(Utf8(new string('x', 10_000)))); // 10 MB without a newline
        lines.AddRange(splitter.Add(Utf8("\n2026-12-02T07:48:19.000000000Z next\n")));

        Assert.Equal(2, lines.Count);
        Assert.Equal(LogLineSplitter.MaxLineChars + LogLineSplitter.CutMarker.Length, lines[0].Text.Length);
        Assert.EndsWith(LogLineSplitter.CutMarker, lines[0].Text);
        Assert.Equal("next", lines[1].Text);
    }

    [Fact]
    public void AnEmptyLine_StaysAnEmptyLine_AndALineWithoutTimestampIsDropped()
    {
        var splitter = new LogLineSplitter(LogStream.Stdout);

        var lines = splitter.Add(Utf8("2026-12-02T07:48:18.000000000Z \nnot from the engine\n"));

        Assert.Equal("", Assert.Single(lines).Text);
    }

    [Theory]
    [InlineData("2026-12-02T07:48:18.123456789Z", 1796197698L, 123456789)]
    [InlineData("2026-12-02T07:48:18Z", 1796197698L, 0)]
    [InlineData("2026-12-02T08:48:18.5+01:00", 1796197698L, 500000000)]
    public void Timestamps_KeepAllNineDigits(string text, long seconds, int nanos)
    {
        Assert.True(LogTimestamp.TryParse(text, out var time));
        Assert.Equal(new LogTimestamp(seconds, nanos), time);
        Assert.Equal($"{seconds}.{nanos:D9}", time.ToEngineSince());
        Assert.True(LogTimestamp.TryParse(time.ToString(), out var again) && again == time);
    }

    [Theory]
    [InlineData("")]
    [InlineData("yesterday")]
    [InlineData("2026-12-02T07:48:18.1234567890Z")]
    [InlineData("2026-12-02 07:48:18Z")]
    [InlineData("2026-12-02T07:48:18.12a4Z")]
    [InlineData("2026-12-02T07:48:18")]
    public void AForgedLastEventId_IsNotATimestamp(string text) => Assert.False(LogTimestamp.TryParse(text, out _));
}
