using Microsoft.AspNetCore.Http;
using Microsoft.Net.Http.Headers;

namespace JugendLab.Gateway.Routing;

/// <summary>
/// Which bytes of a file to send: all of them, or the one range a visitor asked for (a video's seek, a resumed
/// download). Several ranges in one request are answered with the whole file, which RFC 9110 allows.
/// </summary>
internal readonly record struct ByteRange(long Start, long Length, bool IsPartial, bool Unsatisfiable)
{
    public static ByteRange Whole(long length) => new(0, length, false, false);

    public static ByteRange Of(IHeaderDictionary request, SiteFileValidators validators, long length)
    {
        var header = request.Range;
        if (header.Count != 1 || length == 0) return Whole(length);
        if (request.IfRange.Count > 0 && !validators.RangeStillValid(request.IfRange.ToString())) return Whole(length);
        if (!RangeHeaderValue.TryParse(header.ToString(), out var parsed)
            || !string.Equals(parsed.Unit.Value, "bytes", StringComparison.OrdinalIgnoreCase)
            || parsed.Ranges.Count != 1)
            return Whole(length);

        var item = parsed.Ranges.First();
        long start, end;
        if (item.From is { } from)
        {
            start = from;
            end = item.To is { } to ? Math.Min(to, length - 1) : length - 1;
        }
        else
        {
            var suffix = item.To ?? 0; // "bytes=-500": the last 500 bytes
            if (suffix == 0) return new ByteRange(0, 0, false, true);
            start = Math.Max(0, length - suffix);
            end = length - 1;
        }
        if (start >= length || start > end) return new ByteRange(0, 0, false, true);
        return new ByteRange(start, end - start + 1, true, false);
    }
}
