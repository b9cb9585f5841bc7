using System.Net;
using System.Text.RegularExpressions;
using JugendLab.Orchestrator.Accounts;
using JugendLab.Orchestrator.Audit;
using JugendLab.Orchestrator.Errors;
using JugendLab.Orchestrator.State;
using Microsoft.Extensions.Logging;

namespace JugendLab.Orchestrator.Matrix;

/// <summary>
/// Neighbours join the homeserver with an invite from a mentor or admin (a registration token), at the platform's own
/// join page: no e-mail address, no real name. The homeserver keeps the tokens and counts their uses; every staff
/// action is in the audit log.
/// </summary>
public sealed partial class NeighbourInvites(HomeserverAdmin admin, AuditLog audit, JugendLabDb db, TimeProvider time,
    ILogger<NeighbourInvites> logger)
{
    public const int MinPasswordLength = 10;

    [GeneratedRegex("^[a-z0-9][a-z0-9._-]{1,31}$")]
    private static partial Regex UserNamePattern();

    public async Task<NeighbourInvite> CreateAsync(Actor actor, int uses, DateTimeOffset expiresAt, CancellationToken ct)
    {
        actor.EnsureStaff();
        var now = time.GetUtcNow();
        if (uses is < 1 or > NeighbourInvite.MaxUses)
            throw DomainException.Invalid($"Wie viele Personen? 1 bis {NeighbourInvite.MaxUses}.", $"How many people? 1 to {NeighbourInvite.MaxUses}.");
        if (expiresAt <= now || expiresAt > now.AddDays(NeighbourInvite.MaxValidDays))
            throw DomainException.Invalid($"Eine Einladung gilt von jetzt an bis höchstens {NeighbourInvite.MaxValidDays} Tage.",
                $"An invite is valid from now for at most {NeighbourInvite.MaxValidDays} days.");
        var invite = await HomeserverUnavailable.Guard(() => admin.CreateRegistrationTokenAsync(uses, expiresAt, ct));
        audit.Record(actor, AuditAction.NeighbourInviteCreated, null, Describe(invite));
        await db.SaveChangesAsync(ct);
        return invite;
    }

    public async Task<IReadOnlyList<NeighbourInvite>> ListAsync(Actor actor, CancellationToken ct)
    {
        actor.EnsureStaff();
        return (await HomeserverUnavailable.Guard(() => admin.ListRegistrationTokensAsync(ct)))
            .OrderByDescending(i => i.ExpiresAt ?? DateTimeOffset.MaxValue).ToList();
    }

    public async Task RevokeAsync(Actor actor, string token, CancellationToken ct)
    {
        actor.EnsureStaff();
        var invite = await HomeserverUnavailable.Guard(() => admin.RegistrationTokenAsync(token, ct))
                     ?? throw DomainException.NotFound("Diese Einladung gibt es nicht (mehr).", "This invite does not exist (any more).");
        await HomeserverUnavailable.Guard(() => admin.DeleteRegistrationTokenAsync(token, ct));
        audit.Record(actor, AuditAction.NeighbourInviteRevoked, null, Describe(invite));
        await db.SaveChangesAsync(ct);
    }

    /// <summary>What the join page says about a token before anyone types a name.</summary>
    public async Task<NeighbourInviteState> CheckAsync(string? token, CancellationToken ct)
    {
        if (string.IsNullOrWhiteSpace(token) || token.Length > 64) return NeighbourInviteState.Unknown;
        var invite = await HomeserverUnavailable.Guard(() => admin.RegistrationTokenAsync(token.Trim(), ct));
        return invite?.StateAt(time.GetUtcNow()) ?? NeighbourInviteState.Unknown;
    }

    /// <summary>Makes the neighbour's account with the invite; returns the new user ID (<c>@name:base domain</c>).</summary>
    /// <param name="address">The neighbour's address, passed on so the homeserver's own limits count per person, not for the whole platform.</param>
    public async Task<string> JoinAsync(string? token, string? userName, string? password, string? address, CancellationToken ct)
    {
        userName = ValidUserName(userName);
        ValidPassword(password);
        switch (await CheckAsync(token, ct))
        {
            case NeighbourInviteState.Open: break;
            case NeighbourInviteState.UsedUp: throw UsedUp();
            case NeighbourInviteState.Expired: throw Expired();
            default: throw Unknown();
        }
        var result = await HomeserverUnavailable.Guard(() => admin.RegisterWithTokenAsync(token!.Trim(), userName, password!, address, ct));
        if (result.UserId is { } newUser)
        {
            // Into the neighbourhood's space and rooms; the account works without, so a failure here is only logged.
            try { await admin.JoinNeighbourhoodAsync(newUser, ct); }
            catch (HttpRequestException e) { logger.LogWarning("{User} has an account but could not be put into the neighbourhood's rooms: {Error}", newUser, e.Message); }
            return newUser;
        }
        return result switch
        {
            { Error: "M_USER_IN_USE" } => throw DomainException.Conflict(
                $"Den Benutzernamen «{userName}» hat schon jemand. Wähl einen anderen.", $"Someone already has the user name \u201c{userName}\u201d. Choose another."),
            { Error: "M_INVALID_USERNAME" or "M_EXCLUSIVE" } => throw DomainException.Conflict(
                $"Den Benutzernamen «{userName}» nimmt der Server nicht. Wähl einen anderen.", $"The server does not take the user name \u201c{userName}\u201d. Choose another."),
            { Error: "M_WEAK_PASSWORD" } => throw DomainException.Invalid(
                "Dieses Passwort ist zu schwach. Nimm ein längeres, zum Beispiel drei Wörter.", "This password is too weak. Take a longer one, e.g. three words."),
            { Error: "M_LIMIT_EXCEEDED" } => throw DomainException.TooMany(
                "Gerade melden sich viele an. Warte eine Minute und versuch es nochmals.", "Many people are joining right now. Wait a minute and try again."),
            _ => throw UsedUp(), // the token was used up between the check and the registration
        };
    }

    /// <summary>The user name as the account gets it (small letters), or a refusal that says the rules.</summary>
    public static string ValidUserName(string? userName)
    {
        userName = userName?.Trim().ToLowerInvariant() ?? "";
        if (!UserNamePattern().IsMatch(userName))
            throw DomainException.Invalid(
                "Dein Benutzername: 2 bis 32 Zeichen aus Kleinbuchstaben, Ziffern, Punkt, Bindestrich oder Unterstrich, am Anfang ein Buchstabe oder eine Ziffer (z. B. «mia.k»).",
                "Your user name: 2 to 32 characters of small letters, digits, dot, hyphen or underscore, starting with a letter or digit (e.g. \u201cmia.k\u201d).");
        return userName;
    }

    public static void ValidPassword(string? password)
    {
        if ((password ?? "").Length < MinPasswordLength)
            throw DomainException.Invalid($"Dein Passwort braucht mindestens {MinPasswordLength} Zeichen. Drei Wörter sind leicht zu merken.",
                $"Your password needs at least {MinPasswordLength} characters. Three words are easy to remember.");
    }

    private static DomainException UsedUp() => DomainException.Conflict(
        "Diese Einladung ist schon gebraucht. Frag die Person, die sie dir gegeben hat, nach einer neuen.",
        "This invite has already been used. Ask the person who gave it to you for a new one.");

    private static DomainException Expired() => DomainException.Conflict(
        "Diese Einladung ist abgelaufen. Frag die Person, die sie dir gegeben hat, nach einer neuen.",
        "This invite has expired. Ask the person who gave it to you for a new one.");

    private static DomainException Unknown() => DomainException.NotFound(
        "Diese Einladung kennt der Server nicht. Prüf, ob der Link ganz kopiert ist, oder frag nach einer neuen.",
        "The server does not know this invite. Check that the whole link was copied, or ask for a new one.");

    private static string Describe(NeighbourInvite invite) =>
        $"{invite.Token[..Math.Min(4, invite.Token.Length)]}…, {invite.UsesAllowed?.ToString() ?? "∞"}×, {invite.ExpiresAt:yyyy-MM-dd HH:mm} UTC";
}
