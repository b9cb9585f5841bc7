using System.Text.RegularExpressions;
using JugendLab.Orchestrator.Errors;

namespace JugendLab.Orchestrator.Naming;

/// <summary>Rules for team and project names: they become subdomains and Docker names, so they stay simple.</summary>
public static partial class Slug
{
    /// <summary>Subdomains the platform or the neighbourhood box needs for itself.</summary>
    public static readonly IReadOnlySet<string> Reserved = new HashSet<string>(StringComparer.Ordinal)
    {
        "lab", "www", "admin", "api", "git", "matrix", "chat", "mail", "static", "status", "app", "auth", "login",
        "docs", "help", "support", "root", "system", "platform", "jugendlab", "mentor", "mentors", "dashboard",
        "smtp", "imap", "pop", "ftp", "ns1", "ns2", "dns", "vpn", "proxy", "gateway", "internal", "localhost",
        "element", "synapse", "turn", "stun", "cdn", "assets", "media", "test", "dev", "staging",
    };

    [GeneratedRegex("^[a-z][a-z0-9-]{1,31}$")]
    private static partial Regex Pattern();

    /// <summary>Checks a team, project or user name (<paramref name="what"/>: "team", "project", "user"). Throws a <see cref="DomainException"/> a youth can act on when <paramref name="name"/> is not a valid name.</summary>
    public static string Validate(string? name, string what)
    {
        name = name?.Trim() ?? "";
        if (!Pattern().IsMatch(name) || name.EndsWith('-') || name.Contains("--"))
            throw DomainException.Invalid(
                $"Der Name „{name}“ für {what.De()} geht nicht: erlaubt sind 2–32 Zeichen aus Kleinbuchstaben, Ziffern und Bindestrichen, am Anfang ein Buchstabe (z. B. „kiez-radio“).",
                $"The {what.En()} name \"{name}\" is not allowed: use 2-32 lower-case letters, digits and dashes, starting with a letter (e.g. \"kiez-radio\").");
        if (Reserved.Contains(name))
            throw DomainException.Invalid(
                $"Der Name „{name}“ ist für die Plattform reserviert. Bitte wählt einen anderen.",
                $"The name \"{name}\" is reserved by the platform. Please choose another one.");
        return name;
    }
}

internal static class NameKindText
{
    public static string De(this string what) => what switch { "team" => "das Team", "project" => "das Projekt", _ => "den Zugang" };
    public static string En(this string what) => what switch { "team" => "team", "project" => "project", _ => "user" };
}
