namespace JugendLab.Orchestrator.Notices;

/// <summary>
/// A room the platform made on the homeserver: a team's room, or the mentors' room. Kept by ID in the platform's
/// database, not found by alias: a neighbour could take an alias first, and a team's notices must never go there.
/// </summary>
public sealed class ChatRoom
{
    public const string MentorsKey = "mentors";

    private ChatRoom() { }

    public ChatRoom(string key, string roomId, DateTimeOffset createdAt)
    {
        Key = key;
        RoomId = roomId;
        CreatedAt = createdAt;
    }

    public static string TeamKey(int teamId) => $"team:{teamId}";

    /// <summary>The team a key names, or null for the mentors' room.</summary>
    public static int? TeamOf(string key) => key.StartsWith("team:", StringComparison.Ordinal) && int.TryParse(key[5..], out var id) ? id : null;

    public string Key { get; private set; } = "";
    public string RoomId { get; private set; } = "";
    public DateTimeOffset CreatedAt { get; private set; }
}
