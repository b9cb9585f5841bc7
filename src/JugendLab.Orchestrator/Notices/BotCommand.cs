namespace JugendLab.Orchestrator.Notices;

/// <summary>What someone asked the platform in a room: <c>!status</c>, <c>!deploy &lt;project&gt;</c>, <c>!hilfe</c> / <c>!help</c>.</summary>
public sealed record BotCommand(string Name, string? Argument, bool English)
{
    public const string Status = "status", Deploy = "deploy", Help = "hilfe", Unknown = "?";

    /// <summary>The command in a message, or null for an ordinary message (people talk in team rooms too).</summary>
    public static BotCommand? Parse(string? body)
    {
        var text = body?.Trim();
        if (string.IsNullOrEmpty(text) || text[0] != '!' || text.Length > 200 || text.Contains('\n')) return null;
        var parts = text[1..].Split(' ', 2, StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        if (parts.Length == 0) return null;
        var argument = parts.Length > 1 ? parts[1] : null;
        return parts[0].ToLowerInvariant() switch
        {
            "status" => new BotCommand(Status, argument, false),
            "deploy" => new BotCommand(Deploy, argument, false),
            "hilfe" => new BotCommand(Help, argument, false),
            "help" => new BotCommand(Help, argument, true),
            _ => new BotCommand(Unknown, parts[0], false),
        };
    }
}
