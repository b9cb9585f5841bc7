using System.Text.RegularExpressions;
using JugendLab.Orchestrator.Accounts;
using JugendLab.Orchestrator.Errors;
using JugendLab.Orchestrator.State;
using Microsoft.EntityFrameworkCore;

namespace JugendLab.Orchestrator.Projects;

/// <summary>
/// A project's environment variables and secrets: the team sets them, the app reads them from its environment.
/// Secrets are encrypted at rest (<see cref="SecretBox"/>) and never shown or logged after saving. They reach the app's
/// container only, never the build: a Dockerfile cannot print them into a build log.
/// </summary>
public sealed partial class ProjectVariables(JugendLabDb db, ProjectService projects, SecretBox secrets, TimeProvider time)
{
    public const int MaxNameLength = 64;
    public const int MaxValueLength = 4096;
    public const int MaxPerProject = 50;

    [GeneratedRegex("^[A-Za-z_][A-Za-z0-9_]*$")]
    private static partial Regex NamePattern();

    public async Task<IReadOnlyList<VariableView>> ListAsync(Actor actor, string team, string slug, CancellationToken ct)
    {
        var project = await projects.GetAsync(actor, team, slug, ct);
        return (await db.ProjectVariables.Where(v => v.ProjectId == project.Id).ToListAsync(ct))
            .OrderBy(v => v.Name, StringComparer.Ordinal).Select(VariableView.From).ToList();
    }

    /// <summary>Adds or changes a variable. A secret keeps its old value when <paramref name="value"/> is empty (the form
    /// never shows it, so an empty field means "unchanged").</summary>
    public async Task<Project> SetAsync(Actor actor, string team, string slug, string? name, string? value, bool secret, CancellationToken ct)
    {
        var project = await projects.GetAsync(actor, team, slug, ct);
        actor.EnsureCanWorkOn(project.Team);
        name = ValidName(name);
        var existing = await db.ProjectVariables.SingleOrDefaultAsync(v => v.ProjectId == project.Id && v.Name == name, ct);
        if (existing is { IsSecret: true } && secret && string.IsNullOrEmpty(value)) return project;
        value = ValidValue(name, value);
        var stored = secret ? secrets.Protect(value) : value;
        if (existing is not null) existing.Change(stored, secret, time.GetUtcNow());
        else
        {
            if (await db.ProjectVariables.CountAsync(v => v.ProjectId == project.Id, ct) >= MaxPerProject)
                throw DomainException.Quota($"Ein Projekt kann höchstens {MaxPerProject} Variablen haben. Lösch zuerst eine, die du nicht mehr brauchst.",
                    $"A project can have at most {MaxPerProject} variables. Delete one you no longer need first.");
            db.ProjectVariables.Add(new ProjectVariable(project.Id, name, stored, secret, time.GetUtcNow()));
        }
        await db.SaveChangesAsync(ct);
        return project;
    }

    public async Task<Project> RemoveAsync(Actor actor, string team, string slug, string name, CancellationToken ct)
    {
        var project = await projects.GetAsync(actor, team, slug, ct);
        actor.EnsureCanWorkOn(project.Team);
        var variable = await db.ProjectVariables.SingleOrDefaultAsync(v => v.ProjectId == project.Id && v.Name == name, ct)
                       ?? throw DomainException.NotFound($"Die Variable «{name}» gibt es in diesem Projekt nicht.",
                           $"This project has no variable \"{name}\".");
        db.ProjectVariables.Remove(variable);
        await db.SaveChangesAsync(ct);
        return project;
    }

    private static string ValidName(string? name)
    {
        name = name?.Trim() ?? "";
        if (name.Length is 0 or > MaxNameLength || !NamePattern().IsMatch(name))
            throw DomainException.Invalid(
                $"«{name}» geht nicht als Name. Erlaubt sind Buchstaben A–Z, Ziffern und _, höchstens {MaxNameLength} Zeichen, am Anfang keine Ziffer. Zum Beispiel: API_KEY.",
                $"\"{name}\" cannot be a name. Use letters A–Z, digits and _, at most {MaxNameLength} characters, not starting with a digit. For example: API_KEY.");
        if (IsReserved(name))
            throw DomainException.Invalid(
                $"«{name}» setzt die Plattform selbst (PORT, HOME und alles mit JUGENDLAB_). Wähl einen anderen Namen.",
                $"The platform sets \"{name}\" itself (PORT, HOME and everything starting with JUGENDLAB_). Choose another name.");
        return name;
    }

    /// <summary>Names the platform sets for every app; a team's value would break the app's port or home.</summary>
    public static bool IsReserved(string name) =>
        name is "PORT" or "HOME" || name.StartsWith("JUGENDLAB_", StringComparison.OrdinalIgnoreCase);

    private static string ValidValue(string name, string? value)
    {
        value ??= "";
        if (value.Length > MaxValueLength)
            throw DomainException.TooLarge($"Der Wert von «{name}» ist zu lang (höchstens {MaxValueLength} Zeichen).",
                $"The value of \"{name}\" is too long (at most {MaxValueLength} characters).");
        if (value.Contains('\0'))
            throw DomainException.Invalid($"Der Wert von «{name}» enthält ein unsichtbares Nullzeichen. Tipp ihn nochmals ein.",
                $"The value of \"{name}\" contains an invisible null character. Type it again.");
        return value;
    }
}

/// <summary>A variable as people see it: a secret's value is never included.</summary>
public sealed record VariableView(string Name, string? Value, bool IsSecret, DateTimeOffset UpdatedAt)
{
    public static VariableView From(ProjectVariable v) => new(v.Name, v.IsSecret ? null : v.StoredValue, v.IsSecret, v.UpdatedAt);
}
