using JugendLab.Orchestrator.Runtime;
using JugendLab.Web.Pages.Projekte;

namespace JugendLab.Tests.Web;

/// <summary>The Logs page stays light and escapes what the app printed.</summary>
public sealed class LogsPageTests
{
    private static ContainerLogLine Line(int second, string text, LogStream stream = LogStream.Stdout) =>
        new(new LogTimestamp(1_796_197_698 + second, 0), stream, text);

    [Fact]
    public void AnAppPrinting500LongLines_GetsOnlyItsNewestLinesOnThePage_WithinTheWeightLimit()
    {
        var lines = Enumerable.Range(0, 500).Select(i => Line(i, new string('x', 4000))).ToList();

        var shown = LogsModel.Newest(lines, LogsModel.MaxPageChars);

        Assert.Equal(24, shown.Count);
        Assert.Same(lines[^1], shown[^1]);
        Assert.True(shown.Sum(l => l.Text.Length) <= LogsModel.MaxPageChars);
        Assert.Same(lines, LogsModel.Newest(lines, int.MaxValue)); // all fit: all shown
    }

    [Fact]
    public void MarkupPrintedByTheApp_IsShownAsText_AndStderrIsMarkedInWords()
    {
        var html = LogsModel.LineHtml(Line(0, "<script>alert('kiez')</script>", LogStream.Stderr), "stderr");

        Assert.DoesNotContain("<script>", html);
        Assert.Contains("&lt;script&gt;", html);
        Assert.Contains("<span class=\"log-tag\">stderr</span>", html);
        Assert.Contains("datetime=\"2026-12-02T07:48:18.000000000Z\"", html);
    }
}
