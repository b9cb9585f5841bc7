namespace JugendLab.Orchestrator.Notices;

/// <summary>Who a notice is for: one team's room, or the mentors' room.</summary>
public enum ChatAudience
{
    Team,
    Mentors,
}

/// <summary>
/// A message the platform owes a room in the neighbourhood's chat: the outbox. It is written in the same transaction as
/// the change it tells of (a deployment's end, a decision, a report), so the change and its notice are saved together;
/// <see cref="ChatOutbox"/> sends it when the homeserver answers. Its id makes the transaction id, so a send that
/// reached the homeserver but whose answer was lost is not posted twice when it is tried again.
/// </summary>
public sealed class ChatNotice
{
    public const int MaxTextLength = 4000;
    public const int MaxErrorLength = 500;

    private ChatNotice() { }

    private ChatNotice(ChatAudience audience, int? teamId, string text, DateTimeOffset at)
    {
        Audience = audience;
        TeamId = teamId;
        Text = text.Length > MaxTextLength ? text[..(MaxTextLength - 1)] + "…" : text;
        CreatedAt = at;
        NextAttemptAt = at;
    }

    public static ChatNotice ForTeam(int teamId, string text, DateTimeOffset at) => new(ChatAudience.Team, teamId, text, at);

    public static ChatNotice ForMentors(string text, DateTimeOffset at) => new(ChatAudience.Mentors, null, text, at);

    public long Id { get; private set; }
    public ChatAudience Audience { get; private set; }
    public int? TeamId { get; private set; }

    /// <summary>Plain text; the first line is the headline.</summary>
    public string Text { get; private set; } = "";

    public DateTimeOffset CreatedAt { get; private set; }
    public int Attempts { get; private set; }
    public DateTimeOffset NextAttemptAt { get; private set; }
    public DateTimeOffset? SentAt { get; private set; }
    public string? LastError { get; private set; }

    /// <summary>The room key the notice goes to (see <see cref="ChatRoom"/>).</summary>
    public string RoomKey => Audience == ChatAudience.Mentors ? ChatRoom.MentorsKey : ChatRoom.TeamKey(TeamId!.Value);

    /// <summary>The same for every attempt, so the homeserver keeps one message however often it is sent.</summary>
    public string TransactionId => $"jugendlab-notice-{Id}";

    public void Sent(DateTimeOffset at)
    {
        SentAt = at;
        LastError = null;
    }

    /// <summary>Nobody could read it (no room, because nobody linked an account): done, with the reason kept.</summary>
    public void Dropped(string reason, DateTimeOffset at)
    {
        SentAt = at;
        LastError = reason;
    }

    /// <summary>Tries again later: 2 s after the first failure, doubling up to <paramref name="longest"/>.</summary>
    public void Failed(string error, DateTimeOffset at, TimeSpan longest)
    {
        Attempts++;
        LastError = error.Length > MaxErrorLength ? error[..MaxErrorLength] : error;
        NextAttemptAt = at + RetryDelay(Attempts, longest);
    }

    public static TimeSpan RetryDelay(int attempts, TimeSpan longest)
    {
        var seconds = 2 * Math.Pow(2, Math.Min(attempts - 1, 20));
        return TimeSpan.FromSeconds(Math.Min(seconds, longest.TotalSeconds));
    }
}
