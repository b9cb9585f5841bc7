using System.Net;
using System.Text.Json;
using JugendLab.Orchestrator.Accounts;
using JugendLab.Orchestrator.Matrix;
using JugendLab.Orchestrator.State;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;

namespace JugendLab.Orchestrator.Notices;

/// <summary>
/// The platform's rooms on the homeserver: one per team (its members who linked their Matrix account in their
/// profile) and one for the mentors (staff who linked theirs). A room is made when its first person has linked an
/// account — before that nobody could read it. The platform alone invites and removes people: someone who left the
/// team, or was suspended, is taken out on the next pass. Rooms are not end-to-end encrypted, and their topic says so.
/// </summary>
public sealed class RoomKeeper(HomeserverAdmin admin, TimeProvider time, ILogger<RoomKeeper> logger)
{
    public const string UnencryptedTopic =
        "Nicht Ende-zu-Ende-verschlüsselt: Die Admins des Quartierservers können mitlesen. Schreib hier keine Passwörter, Tokens oder Geheimnisse. " +
        "/ Not end-to-end encrypted: no passwords, tokens or secrets here.";

    /// <summary>The Matrix accounts that belong in the room: linked, not suspended.</summary>
    public static async Task<IReadOnlyList<string>> WantedAsync(JugendLabDb db, string key, CancellationToken ct)
    {
        IQueryable<User> people = ChatRoom.TeamOf(key) is { } teamId
            ? db.Users.Where(u => db.Teams.Any(t => t.Id == teamId && t.Members.Any(m => m.UserId == u.Id)))
            : db.Users.Where(u => u.Role == Role.Admin || u.Role == Role.Mentor);
        return await people.Where(u => u.MatrixUserId != null && u.SuspendedAt == null).Select(u => u.MatrixUserId!).ToListAsync(ct);
    }

    /// <summary>The room a notice goes to: found in the database, or made now with the people who belong in it;
    /// null when nobody has linked an account yet (or the team is gone).</summary>
    public async Task<string?> RoomForAsync(JugendLabDb db, string key, CancellationToken ct)
    {
        if (await db.ChatRooms.FindAsync([key], ct) is { } known) return known.RoomId;
        var wanted = await WantedAsync(db, key, ct);
        if (wanted.Count == 0) return null;
        string name;
        if (ChatRoom.TeamOf(key) is { } teamId)
        {
            var team = await db.Teams.FindAsync([teamId], ct);
            if (team is null) return null;
            name = $"Team {team.Name} · JugendLab";
        }
        else name = "Mentor:innen · JugendLab";

        var created = await admin.SendAsync(HttpMethod.Post, "_matrix/client/v3/createRoom", new
        {
            name,
            topic = (key == ChatRoom.MentorsKey
                ? "Neue Anfragen, Team-Wünsche und Meldungen, mit dem Link zur Seite, wo ihr sie bearbeitet. "
                : "Hier meldet JugendLab eure neuen Versionen, Abstürze und Entscheide. Befehle: !status, !deploy <projekt>, !hilfe. ") + UnencryptedTopic,
            preset = "private_chat",
            visibility = "private",
            invite = wanted,
            // Only the platform invites, removes, or changes the room (and so nobody can switch on encryption and
            // shut the platform's notices out); members talk.
            power_level_content_override = new { invite = 100, kick = 100, ban = 100, redact = 50, state_default = 100, events_default = 0 },
        }, ct);
        var roomId = created.GetProperty("room_id").GetString()!;
        db.ChatRooms.Add(new ChatRoom(key, roomId, time.GetUtcNow()));
        await db.SaveChangesAsync(ct);
        logger.LogInformation("Made the chat room {Room} for {Key} with {Count} people", roomId, key, wanted.Count);
        return roomId;
    }

    /// <summary>A room the platform can no longer post in (deleted, or the homeserver restored from an older backup) is forgotten, and made again on the next notice.</summary>
    public static async Task ForgetAsync(JugendLabDb db, string key, CancellationToken ct)
    {
        if (await db.ChatRooms.FindAsync([key], ct) is { } room)
        {
            db.ChatRooms.Remove(room);
            await db.SaveChangesAsync(ct);
        }
    }

    /// <summary>Every room: invites who belongs and is not in it yet, removes who no longer belongs.</summary>
    public async Task SyncAsync(JugendLabDb db, CancellationToken ct)
    {
        // Teams whose first member linked an account get their room now, not only with their next notice.
        var linkedTeams = await db.Teams.Where(t => t.Members.Any(m => db.Users.Any(u => u.Id == m.UserId && u.MatrixUserId != null && u.SuspendedAt == null)))
            .Select(t => t.Id).ToListAsync(ct);
        foreach (var key in linkedTeams.Select(ChatRoom.TeamKey).Append(ChatRoom.MentorsKey))
            if (await db.ChatRooms.FindAsync([key], ct) is null) await RoomForAsync(db, key, ct);

        foreach (var room in await db.ChatRooms.AsNoTracking().ToListAsync(ct))
        {
            try
            {
                await SyncRoomAsync(db, room, ct);
            }
            catch (HttpRequestException e) when (e.StatusCode is HttpStatusCode.Forbidden or HttpStatusCode.NotFound)
            {
                logger.LogWarning("The chat room {Room} of {Key} is gone for the platform; it is made again: {Error}", room.RoomId, room.Key, e.Message);
                await ForgetAsync(db, room.Key, ct);
            }
        }
    }

    private async Task SyncRoomAsync(JugendLabDb db, ChatRoom room, CancellationToken ct)
    {
        var wanted = (await WantedAsync(db, room.Key, ct)).ToHashSet(StringComparer.Ordinal);
        var members = await MembersAsync(room.RoomId, ct);
        var path = $"_matrix/client/v3/rooms/{Uri.EscapeDataString(room.RoomId)}";
        // Invited: who has no place in the room yet, or was taken out by the platform before (and belongs again now).
        // Someone who left on their own is not asked again and again.
        foreach (var id in wanted.Where(id => !members.TryGetValue(id, out var m) || (m.Membership == "leave" && m.Sender != id)))
            await TryAsync(() => admin.SendAsync(HttpMethod.Post, $"{path}/invite", new { user_id = id }, ct), "invite", id, room);
        foreach (var (id, _) in members.Where(m => m.Value.Membership is "join" or "invite" && m.Key != admin.PlatformUserId && !wanted.Contains(m.Key)))
            await TryAsync(() => admin.SendAsync(HttpMethod.Post, $"{path}/kick", new
            {
                user_id = id,
                reason = room.Key == ChatRoom.MentorsKey ? "Nicht mehr Mentor:in auf JugendLab." : "Nicht mehr in diesem Team auf JugendLab.",
            }, ct), "remove", id, room);
    }

    /// <summary>Everyone the room has a membership for (join, invite, leave, ban), and who set it.</summary>
    private async Task<Dictionary<string, (string? Membership, string? Sender)>> MembersAsync(string roomId, CancellationToken ct)
    {
        var answer = await admin.SendAsync(HttpMethod.Get, $"_matrix/client/v3/rooms/{Uri.EscapeDataString(roomId)}/members", null, ct);
        var members = new Dictionary<string, (string?, string?)>(StringComparer.Ordinal);
        foreach (var e in answer.GetProperty("chunk").EnumerateArray())
            members[e.GetProperty("state_key").GetString()!] = (
                e.GetProperty("content").TryGetProperty("membership", out var m) ? m.GetString() : null,
                e.TryGetProperty("sender", out var s) ? s.GetString() : null);
        return members;
    }

    /// <summary>One person the homeserver refuses (an account that does not exist) must not stop the others.</summary>
    private async Task TryAsync(Func<Task<JsonElement>> call, string what, string userId, ChatRoom room)
    {
        try
        {
            await call();
        }
        catch (HttpRequestException e) when (e.StatusCode is { } code && (int)code is >= 400 and < 500)
        {
            logger.LogWarning("Could not {What} {User} in the chat room of {Key}: {Error}", what, userId, room.Key, e.Message);
        }
    }
}
