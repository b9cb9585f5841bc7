using System.Text.RegularExpressions;
using JugendLab.Orchestrator.Errors;

namespace JugendLab.Orchestrator.Accounts;

/// <summary>What a Matrix user ID looks like (<c>@name:server</c>, the Matrix spec's rules for new IDs), checked before it is stored.</summary>
public static partial class MatrixUserIds
{
    public const int MaxLength = 255;

    [GeneratedRegex(@"^@[a-z0-9._=\-/+]+:[a-z0-9.\-]+(:[0-9]{1,5})?$")]
    private static partial Regex Shape();

    /// <summary>The ID lower-cased, or null for an empty input (unlink); a clear error for anything else.</summary>
    public static string? Validate(string? input)
    {
        var id = input?.Trim();
        if (string.IsNullOrEmpty(id)) return null;
        if (!id.StartsWith('@')) id = "@" + id;
        id = id.ToLowerInvariant();
        if (id.Length > MaxLength || !Shape().IsMatch(id))
            throw DomainException.Invalid(
                "Das ist keine Matrix-Adresse. Sie sieht so aus: @name:server, zum Beispiel @mia:lab.example.org. Du findest sie in deiner Matrix-App unter Einstellungen.",
                "That is not a Matrix address. It looks like @name:server, for example @mia:lab.example.org. You find it in your Matrix app's settings.");
        return id;
    }
}
