using System.Globalization;
using System.Text;

namespace JugendLab.Orchestrator.Matrix;

/// <summary>
/// The neighbourhood's space and its starter rooms, found by their aliases (<c>#quartier:&lt;base domain&gt;</c>,
/// <c>#nachbarschaftshilfe:…</c>), so the platform needs to remember nothing: it looks them up, and makes what is missing.
/// </summary>
public static class NeighbourhoodSpace
{
    public const string SpaceAlias = "quartier";

    /// <summary>A room name as an alias: small letters, digits and hyphens ("Infos aus dem Quartier" → "infos-aus-dem-quartier").</summary>
    public static string AliasOf(string name)
    {
        var plain = name.Trim().ToLowerInvariant()
            .Replace("ä", "ae").Replace("ö", "oe").Replace("ü", "ue").Replace("ß", "ss")
            .Normalize(NormalizationForm.FormD);
        var alias = new StringBuilder();
        foreach (var c in plain)
        {
            if (CharUnicodeInfo.GetUnicodeCategory(c) == UnicodeCategory.NonSpacingMark) continue;
            if (c is >= 'a' and <= 'z' or >= '0' and <= '9') alias.Append(c);
            else if (alias.Length > 0 && alias[^1] != '-') alias.Append('-');
        }
        var result = alias.ToString().Trim('-');
        return result.Length == 0 ? "raum" : result;
    }
}
