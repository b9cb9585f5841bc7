namespace JugendLab.Gateway.Routing;

/// <summary>Keeps the platform's cookies and the projects' cookies apart, in both directions.</summary>
internal static class PlatformCookies
{
    // The web app names its cookies "jugendlab…" (with the __Host-/__Secure- prefixes browsers know). They are host-only,
    // so a browser should never send them to a project; this is the second lock on the door.
    private const string Marker = "jugendlab";
    private static readonly string[] NamePrefixes = [Marker, "__Host-" + Marker, "__Secure-" + Marker];

    public static bool IsPlatformCookieName(ReadOnlySpan<char> name)
    {
        foreach (var prefix in NamePrefixes)
        {
            if (name.StartsWith(prefix, StringComparison.OrdinalIgnoreCase)) return true;
        }
        return false;
    }

    /// <summary>The Cookie header without the platform's cookies; the same instance when there is nothing to remove.</summary>
    public static string WithoutPlatformCookies(string cookieHeader)
    {
        // Fast path for nearly every request: no allocation unless a platform cookie might be present.
        if (!cookieHeader.Contains(Marker, StringComparison.OrdinalIgnoreCase)) return cookieHeader;

        var kept = new List<string>();
        foreach (var part in cookieHeader.Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            var equals = part.IndexOf('=');
            var name = equals < 0 ? part.AsSpan() : part.AsSpan(0, equals).Trim();
            if (!IsPlatformCookieName(name)) kept.Add(part);
        }
        return string.Join("; ", kept);
    }

    /// <summary>
    /// True when a project's Set-Cookie names a Domain that the platform's own host falls under (the base domain, ".base" or
    /// a parent such as "localhost"): a browser would then send that cookie to the platform and to every other project.
    /// </summary>
    public static bool ReachesPlatform(ReadOnlySpan<char> setCookie, string baseDomain)
    {
        var isNameValuePair = true;
        foreach (var range in setCookie.Split(';'))
        {
            // The first part is the cookie itself, and a cookie may well be called "domain".
            if (isNameValuePair) { isNameValuePair = false; continue; }
            var attribute = setCookie[range];
            var equals = attribute.IndexOf('=');
            if (equals < 0 || !attribute[..equals].Trim().Equals("domain", StringComparison.OrdinalIgnoreCase)) continue;

            // Browsers ignore a leading dot; a trailing one is stripped too so that "lab.localhost." cannot slip through.
            var domain = attribute[(equals + 1)..].Trim().Trim('.');
            if (domain.IsEmpty) continue;
            if (IsSameOrParent(domain, baseDomain)) return true;
        }
        return false;
    }

    private static bool IsSameOrParent(ReadOnlySpan<char> domain, string baseDomain) =>
        baseDomain.AsSpan().Equals(domain, StringComparison.OrdinalIgnoreCase)
        || (baseDomain.Length > domain.Length
            && baseDomain.AsSpan().EndsWith(domain, StringComparison.OrdinalIgnoreCase)
            && baseDomain[baseDomain.Length - domain.Length - 1] == '.');
}
