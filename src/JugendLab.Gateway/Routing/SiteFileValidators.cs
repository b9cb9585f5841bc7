using Microsoft.AspNetCore.Http;
using Microsoft.Net.Http.Headers;

namespace JugendLab.Gateway.Routing;

/// <summary>
/// A file's ETag and Last-Modified, and whether a visitor's conditional request already has it (304). The ETag comes
/// from the file's time and length: every deployment unpacks its files anew, so a new version always gets new tags.
/// </summary>
internal sealed record SiteFileValidators(string ETag, DateTimeOffset LastModified, string LastModifiedText)
{
    public static SiteFileValidators Of(FileInfo file)
    {
        var written = file.LastWriteTimeUtc;
        // HTTP dates have whole seconds; compare what the visitor can send back.
        var lastModified = new DateTimeOffset(written.Ticks - written.Ticks % TimeSpan.TicksPerSecond, TimeSpan.Zero);
        return new SiteFileValidators($"\"{written.ToFileTimeUtc():x}-{file.Length:x}\"", lastModified, HeaderUtilities.FormatDate(lastModified));
    }

    /// <summary>If-None-Match wins over If-Modified-Since (RFC 9110, 13.1.3); a weak tag matches its strong form for GET.</summary>
    public bool IsNotModified(IHeaderDictionary request)
    {
        var ifNoneMatch = request.IfNoneMatch;
        if (ifNoneMatch.Count > 0) return AnyTagMatches(ifNoneMatch.ToString());
        return request.IfModifiedSince.Count > 0
               && HeaderUtilities.TryParseDate(request.IfModifiedSince.ToString(), out var since)
               && since >= LastModified;
    }

    /// <summary>If-Range: a range is honoured only for this exact version (its strong ETag, or its date).</summary>
    public bool RangeStillValid(string ifRange)
    {
        var value = ifRange.Trim();
        if (value.StartsWith('"')) return value == ETag;
        return HeaderUtilities.TryParseDate(value, out var date) && date == LastModified;
    }

    private bool AnyTagMatches(string header)
    {
        foreach (var range in header.AsSpan().Split(','))
        {
            var tag = header.AsSpan()[range].Trim();
            if (tag is "*") return true;
            if (tag.StartsWith("W/", StringComparison.Ordinal)) tag = tag[2..];
            if (tag.SequenceEqual(ETag)) return true;
        }
        return false;
    }
}
