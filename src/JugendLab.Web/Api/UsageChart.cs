using System.Globalization;
using System.Net;
using System.Text;

namespace JugendLab.Web.Api;

/// <summary>
/// Draws a project's memory and CPU use over time as a small SVG (no scripts, no external resources), so a youth or a
/// mentor sees at a glance whether the app is near its memory limit.
/// </summary>
public static class UsageChart
{
    private const int Width = 640, Height = 200, Left = 48, Right = 12, Top = 24, Bottom = 28;

    public static string Svg(string project, IReadOnlyList<UsageSampleModel> samples)
    {
        var svg = new StringBuilder();
        svg.Append(CultureInfo.InvariantCulture,
            $"""<svg xmlns="http://www.w3.org/2000/svg" width="{Width}" height="{Height}" viewBox="0 0 {Width} {Height}" font-family="sans-serif" font-size="11">""");
        svg.Append($"""<rect width="{Width}" height="{Height}" fill="#fff"/>""");
        svg.Append(CultureInfo.InvariantCulture,
            $"""<text x="{Left}" y="15" font-size="13">{WebUtility.HtmlEncode(project)} — Arbeitsspeicher / memory (blau/blue, 100 % = Limit) · CPU (orange)</text>""");
        svg.Append(CultureInfo.InvariantCulture,
            $"""<line x1="{Left}" y1="{Top}" x2="{Width - Right}" y2="{Top}" stroke="#c00" stroke-dasharray="4 3"/><text x="4" y="{Top + 4}">100 %</text>""");
        svg.Append(CultureInfo.InvariantCulture,
            $"""<line x1="{Left}" y1="{Height - Bottom}" x2="{Width - Right}" y2="{Height - Bottom}" stroke="#999"/><text x="4" y="{Height - Bottom + 4}">0 %</text>""");
        if (samples.Count == 0)
        {
            svg.Append(CultureInfo.InvariantCulture,
                $"""<text x="{Left + 8}" y="{Height / 2}">Noch keine Messwerte / no samples yet</text>""");
        }
        else
        {
            var first = samples[0].At;
            var span = Math.Max(1, (samples[^1].At - first).TotalSeconds);
            double X(UsageSampleModel s) => Left + (s.At - first).TotalSeconds / span * (Width - Left - Right);
            double Y(double percent) => Height - Bottom - Math.Clamp(percent, 0, 100) / 100 * (Height - Top - Bottom);
            Polyline(svg, samples.Select(s => (X(s), Y(s.MemoryLimitBytes > 0 ? 100.0 * s.MemoryBytes / s.MemoryLimitBytes : 0))), "#1f77b4");
            Polyline(svg, samples.Select(s => (X(s), Y(s.CpuPercent))), "#ff7f0e");
            svg.Append(CultureInfo.InvariantCulture,
                $"""<text x="{Left}" y="{Height - 8}">{first:yyyy-MM-dd HH:mm} UTC</text><text x="{Width - Right}" y="{Height - 8}" text-anchor="end">{samples[^1].At:HH:mm} UTC · {samples[^1].MemoryBytes / 1048576.0:0.#} MB</text>""");
        }
        return svg.Append("</svg>").ToString();
    }

    private static void Polyline(StringBuilder svg, IEnumerable<(double X, double Y)> points, string colour)
    {
        svg.Append("""<polyline fill="none" stroke-width="2" stroke=""").Append('"').Append(colour).Append("\" points=\"");
        foreach (var (x, y) in points) svg.Append(CultureInfo.InvariantCulture, $"{x:0.#},{y:0.#} ");
        svg.Append("\"/>");
    }
}
