namespace JugendLab.Gateway.Routing;

/// <summary>
/// Which request paths a static website may answer. Together with the site folder holding nothing but plain files and
/// folders (the orchestrator's SiteArchive), these rules keep every answer inside the folder.
/// </summary>
internal static class SitePaths
{
    /// <summary>
    /// Refuses (400) what a browser never sends for a real file and what tries to leave the folder: encoded dots, slashes
    /// or backslashes (<c>%2e</c>, <c>%2f</c>, <c>%5c</c>), NUL, backslashes, dot segments and control characters.
    /// Kestrel already resolves dot segments, but only after decoding; the raw target shows what was tried, so
    /// <c>/%2e%2e/</c> is refused as nginx refuses it, not quietly served as <c>/</c>.
    /// </summary>
    /// <param name="rawTarget">The request target as it came (empty when unknown, as in tests).</param>
    /// <param name="path">The decoded path Kestrel gives (it keeps <c>%2F</c> encoded).</param>
    public static bool IsMalformed(ReadOnlySpan<char> rawTarget, ReadOnlySpan<char> path)
    {
        var query = rawTarget.IndexOf('?');
        var raw = query < 0 ? rawTarget : rawTarget[..query];
        return HasForbiddenEscape(raw) || HasForbiddenEscape(path) || HasForbiddenCharacter(raw) || HasForbiddenCharacter(path)
               || HasDotSegment(raw) || HasDotSegment(path) || (path.Length > 0 && path[0] != '/');
    }

    /// <summary>
    /// nginx's rule of the old template, <c>location ~ /\.(?!well-known/)</c>: a segment starting with a dot is hidden
    /// (.env, .git, .htpasswd …), except what lies inside a <c>.well-known/</c> folder.
    /// </summary>
    public static bool IsHidden(ReadOnlySpan<char> path)
    {
        for (var i = path.IndexOf("/.", StringComparison.Ordinal); i >= 0;)
        {
            if (!path[(i + 1)..].StartsWith(".well-known/", StringComparison.Ordinal)) return true;
            var next = path[(i + 1)..].IndexOf("/.", StringComparison.Ordinal);
            i = next < 0 ? -1 : i + 1 + next;
        }
        return false;
    }

    private static bool HasForbiddenEscape(ReadOnlySpan<char> text)
    {
        for (var i = 0; i + 2 < text.Length; i++)
        {
            if (text[i] != '%') continue;
            var code = text.Slice(i + 1, 2);
            if (code.Equals("2e", StringComparison.OrdinalIgnoreCase) || code.Equals("2f", StringComparison.OrdinalIgnoreCase)
                || code.Equals("5c", StringComparison.OrdinalIgnoreCase) || code.SequenceEqual("00"))
                return true;
        }
        return false;
    }

    private static bool HasForbiddenCharacter(ReadOnlySpan<char> text)
    {
        foreach (var c in text)
            if (c == '\\' || char.IsControl(c)) return true;
        return false;
    }

    private static bool HasDotSegment(ReadOnlySpan<char> text)
    {
        foreach (var range in text.Split('/'))
        {
            var segment = text[range];
            if (segment is "." or "..") return true;
        }
        return false;
    }
}
