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

    /// <summary>Team names that are pages under /teams/ in the web app (/teams/neu is where a youth asks for a team).</summary>
    public static readonly IReadOnlySet<string> ReservedForTeams = new HashSet<string>(StringComparer.Ordinal) { "neu" };

    [GeneratedRegex("^[a-z][a-z0-9-]{1,31}$")]
    private static partial Regex Pattern();

    /// <summary>Checks a team, project or user name. Throws a <see cref="DomainException"/> a youth can act on when <paramref name="name"/> is not valid.</summary>
    public static string Validate(string? name, NameKind kind)
    {
        name = name?.Trim() ?? "";
        if (!Pattern().IsMatch(name) || name.EndsWith('-') || name.Contains("--"))
            throw DomainException.Invalid(
                $"Der Name „{name}“ für {German(kind)} geht nicht: erlaubt sind 2–32 Zeichen aus Kleinbuchstaben, Ziffern und Bindestrichen, am Anfang ein Buchstabe (z. B. „kiez-radio“).",
                $"The {English(kind)} name \"{name}\" is not allowed: use 2-32 lower-case letters, digits and dashes, starting with a letter (e.g. \"kiez-radio\").");
        if (Reserved.Contains(name) || (kind == NameKind.Team && ReservedForTeams.Contains(name)))
            throw DomainException.Invalid(
                $"Der Name „{name}“ ist für die Plattform reserviert. Bitte wählt einen anderen.",
                $"The name \"{name}\" is reserved by the platform. Please choose another one.");
        return name;
    }

    private static string German(NameKind kind) => kind switch { NameKind.Team => "das Team", NameKind.Project => "das Projekt", _ => "den Zugang" };

    private static string English(NameKind kind) => kind switch { NameKind.Team => "team", NameKind.Project => "project", _ => "user" };
}

/// <summary>What a name is for.</summary>
public enum NameKind { Team, Project, User }
