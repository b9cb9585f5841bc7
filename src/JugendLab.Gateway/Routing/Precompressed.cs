using Microsoft.Extensions.Primitives;

namespace JugendLab.Gateway.Routing;

/// <summary>
/// Precompressed files a youth put beside the original (<c>app.js.br</c>, <c>app.js.gz</c>): sent instead of it, with
/// Content-Encoding, to a visitor whose browser accepts that coding. The platform compresses nothing itself (no CPU per
/// request); brotli is preferred, as it is smaller.
/// </summary>
internal static class Precompressed
{
    private static readonly (string Coding, string Suffix)[] Codings = [("br", ".br"), ("gzip", ".gz")];

    /// <summary>The file to send and its coding (null: the original). <c>Vary</c> is due whenever a compressed sibling exists.</summary>
    public static (FileInfo File, string? Encoding, bool Vary) Choose(StringValues acceptEncoding, FileInfo original)
    {
        // Without Accept-Encoding nothing can be chosen; the siblings are not even looked for (two stats saved).
        if (acceptEncoding.Count == 0) return (original, null, false);
        var vary = false;
        foreach (var (coding, suffix) in Codings)
        {
            if (SiteFileServer.PlainFile(original.FullName + suffix) is not { } sibling) continue;
            vary = true;
            if (Accepts(acceptEncoding, coding)) return (sibling, coding, true);
        }
        return (original, null, vary);
    }

    /// <summary>Whether the header lists the coding (or <c>*</c>) without <c>q=0</c>.</summary>
    public static bool Accepts(StringValues acceptEncoding, string coding)
    {
        foreach (var value in acceptEncoding)
        {
            if (value is null) continue;
            foreach (var range in value.AsSpan().Split(','))
            {
                var item = value.AsSpan()[range].Trim();
                var semicolon = item.IndexOf(';');
                var name = (semicolon < 0 ? item : item[..semicolon]).Trim();
                if (!name.Equals(coding, StringComparison.OrdinalIgnoreCase) && name is not "*") continue;
                return semicolon < 0 || !IsZeroQuality(item[(semicolon + 1)..]);
            }
        }
        return false;
    }

    private static bool IsZeroQuality(ReadOnlySpan<char> parameters)
    {
        var q = parameters.Trim();
        if (!q.StartsWith("q=", StringComparison.OrdinalIgnoreCase)) return false;
        return double.TryParse(q[2..], System.Globalization.NumberStyles.Float, System.Globalization.CultureInfo.InvariantCulture, out var value)
               && value <= 0;
    }
}
