using System.Security.Cryptography;
using JugendLab.Orchestrator.Errors;
using JugendLab.Orchestrator.Teams;

namespace JugendLab.Orchestrator.Invites;

/// <summary>
/// A single-use way into a team, made by a mentor: a youth who has it picks a nickname and a password and is in.
/// No e-mail address, no real name, no birth date. It expires, and it can be taken back while it is open.
/// </summary>
public sealed class InviteCode
{
    /// <summary>Letters and digits that cannot be mistaken for each other on paper (no 0/O, 1/I/L).</summary>
    public const string Alphabet = "ABCDEFGHJKMNPQRSTUVWXYZ23456789";
    public const int Length = 10; // 31^10 ≈ 2^49: not guessable, even before the sign-in limits
    public const int MaxValidDays = 30;
    public const int DefaultValidDays = 7;

    private InviteCode() { }

    public InviteCode(int teamId, string createdBy, DateTimeOffset createdAt, TimeSpan validFor)
    {
        TeamId = teamId;
        Code = NewCode();
        CreatedBy = createdBy;
        CreatedAt = createdAt;
        ExpiresAt = createdAt + validFor;
    }

    public int Id { get; private set; }
    public int TeamId { get; private set; }
    public Team Team { get; private set; } = null!;

    /// <summary>The code as stored and compared: <see cref="Length"/> characters of <see cref="Alphabet"/>.</summary>
    public string Code { get; private set; } = "";

    public string CreatedBy { get; private set; } = "";
    public DateTimeOffset CreatedAt { get; private set; }
    public DateTimeOffset ExpiresAt { get; private set; }
    public DateTimeOffset? UsedAt { get; private set; }

    /// <summary>The nickname of the youth who joined with it.</summary>
    public string? UsedBy { get; private set; }

    public DateTimeOffset? RevokedAt { get; private set; }

    /// <summary>The code as people read and type it: two groups of five.</summary>
    public string Display => $"{Code[..5]}-{Code[5..]}";

    public InviteState StateAt(DateTimeOffset now) =>
        UsedAt is not null ? InviteState.Used
        : RevokedAt is not null ? InviteState.Revoked
        : now >= ExpiresAt ? InviteState.Expired
        : InviteState.Open;

    /// <summary>Refuses a code that cannot let anyone in any more, saying why and what to do.</summary>
    public void EnsureRedeemable(DateTimeOffset now)
    {
        switch (StateAt(now))
        {
            case InviteState.Used: throw AlreadyUsed();
            case InviteState.Revoked:
                throw DomainException.Invalid("Dieser Einladungscode wurde zurückgezogen. Frag deine Mentor:in nach einem neuen.",
                    "This invite code was withdrawn. Ask your mentor for a new one.");
            case InviteState.Expired:
                throw DomainException.Invalid("Dieser Einladungscode ist abgelaufen. Frag deine Mentor:in nach einem neuen.",
                    "This invite code has expired. Ask your mentor for a new one.");
        }
    }

    public void Revoke(DateTimeOffset now)
    {
        if (StateAt(now) != InviteState.Open)
            throw DomainException.Conflict("Dieser Code ist nicht mehr offen: Er wurde schon gebraucht, ist abgelaufen oder zurückgezogen.",
                "This code is no longer open: it was used, has expired or was withdrawn.");
        RevokedAt = now;
    }

    public static DomainException AlreadyUsed() =>
        DomainException.Invalid("Mit diesem Einladungscode ist schon jemand beigetreten. Jeder Code gilt nur einmal: Frag deine Mentor:in nach einem neuen.",
            "Someone already joined with this invite code. Each code works once: ask your mentor for a new one.");

    /// <summary>What someone typed, as stored: upper case, without spaces and dashes; null when it cannot be a code.</summary>
    public static string? Normalize(string? typed)
    {
        if (typed is null) return null;
        var code = new string(typed.Where(char.IsLetterOrDigit).Select(char.ToUpperInvariant).ToArray());
        return code.Length == Length && code.All(Alphabet.Contains) ? code : null;
    }

    private static string NewCode() => RandomNumberGenerator.GetString(Alphabet, Length);
}

public enum InviteState
{
    Open,
    Used,
    Expired,
    Revoked,
}
