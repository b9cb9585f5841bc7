using JugendLab.Web.Api;

namespace JugendLab.Tests.Api;

public sealed class UsageChartTests
{
    private static readonly DateTimeOffset T0 = DateTimeOffset.Parse("2026-11-25T12:00:00Z");

    [Fact]
    public void Svg_DrawsMemoryAndCpuLines()
    {
        var svg = UsageChart.Svg("radio", [
            new UsageSampleModel(T0, 5, 50L << 20, 256L << 20),
            new UsageSampleModel(T0.AddMinutes(1), 20, 128L << 20, 256L << 20),
        ]);

        Assert.StartsWith("<svg", svg);
        Assert.Equal(2, svg.Split("<polyline").Length - 1);
        Assert.Contains("128 MB", svg);
    }

    [Fact]
    public void Svg_WithoutSamples_SaysSo() => Assert.Contains("no samples yet", UsageChart.Svg("radio", []));

    [Fact]
    public void Svg_EncodesTheProjectName() => Assert.DoesNotContain("<b>", UsageChart.Svg("<b>", []));
}
