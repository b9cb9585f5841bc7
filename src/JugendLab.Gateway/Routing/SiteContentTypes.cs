using System.Collections.Frozen;
using Microsoft.AspNetCore.StaticFiles;

namespace JugendLab.Gateway.Routing;

/// <summary>
/// The Content-Type of a static website's file, by its extension: ASP.NET Core's table, text types with UTF-8 (as nginx's
/// <c>charset utf-8</c> did), anything unknown as <c>application/octet-stream</c> (a download, never sniffed into HTML).
/// Built once, so a request only looks its extension up.
/// </summary>
internal sealed class SiteContentTypes
{
    public const string Unknown = "application/octet-stream";

    private readonly FrozenDictionary<string, string>.AlternateLookup<ReadOnlySpan<char>> _byExtension;

    public SiteContentTypes()
    {
        var table = new FileExtensionContentTypeProvider().Mappings
            .ToFrozenDictionary(m => m.Key, m => WithCharset(m.Value), StringComparer.OrdinalIgnoreCase);
        _byExtension = table.GetAlternateLookup<ReadOnlySpan<char>>();
    }

    /// <summary>The type of a file (its name or full path).</summary>
    public string For(ReadOnlySpan<char> fileName)
    {
        var extension = Path.GetExtension(fileName);
        return extension.Length > 0 && _byExtension.TryGetValue(extension, out var type) ? type : Unknown;
    }

    private static string WithCharset(string type) =>
        type.StartsWith("text/", StringComparison.Ordinal) || type is "application/javascript" or "application/json"
            or "application/xml" or "application/manifest+json" or "image/svg+xml"
            ? type + "; charset=utf-8"
            : type;
}
