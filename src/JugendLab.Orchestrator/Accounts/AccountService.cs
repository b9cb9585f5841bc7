using JugendLab.Orchestrator.Audit;
using JugendLab.Orchestrator.Errors;
using JugendLab.Orchestrator.Naming;
using JugendLab.Orchestrator.State;
using Microsoft.EntityFrameworkCore;

namespace JugendLab.Orchestrator.Accounts;

/// <summary>People and their tokens: sign-in checks, accounts made by staff, tokens made and revoked by their owners.</summary>
public sealed class AccountService(JugendLabDb db, AuditLog audit, TimeProvider time, PasswordHasher hasher)
{
    /// <summary>Checks a name with a token (git and API) or a password (API); null when either is wrong.
    /// A token alone (no name, as with "Bearer") is enough, since it names its owner. A password check waits for a free
    /// hasher (<see cref="PasswordHasher"/>) and throws <see cref="HashingBusyException"/> when none is free in time.</summary>
    public async Task<Actor?> AuthenticateAsync(string? name, string secret, CancellationToken ct)
    {
        if (secret.StartsWith(Secrets.TokenPrefix, StringComparison.Ordinal))
        {
            var hash = Secrets.HashToken(secret);
            var token = await db.Tokens.Include(t => t.User)
                .SingleOrDefaultAsync(t => t.Hash == hash && t.RevokedAt == null, ct);
            return token?.User is { } owner && (name is null || owner.Name == name) && !owner.IsSuspended ? ToActor(owner) : null;
        }
        if (name is null) return null;
        var user = await db.Users.SingleOrDefaultAsync(u => u.Name == name, ct);
        // A suspended person's password is still checked (same time and limits), but never lets them in.
        return await hasher.VerifyAsync(secret, user?.PasswordHash, ct) && !user!.IsSuspended ? ToActor(user) : null;
    }

    /// <summary>Makes an account. Returns the password to hand over once (generated when none was given).</summary>
    public async Task<(User User, string Password)> CreateUserAsync(Actor actor, string name, Role role, string? password, CancellationToken ct)
    {
        actor.EnsureStaff();
        if (role == Role.Admin || role == Role.Mentor) actor.EnsureAdmin();
        name = Slug.Validate(name, NameKind.User);
        var taken = () => DomainException.Conflict($"Den Zugang „{name}“ gibt es schon.", $"The user \"{name}\" already exists.");
        if (await db.Users.AnyAsync(u => u.Name == name, ct)) throw taken();
        password = string.IsNullOrEmpty(password) ? Secrets.NewPassword() : ValidPassword(password);
        var user = new User(name, role, await hasher.HashAsync(password, ct), time.GetUtcNow());
        db.Users.Add(user);
        audit.Record(actor, AuditAction.UserCreated, null, $"{name} ({role})");
        await UniqueNames.SaveAsync(db, taken, ct);
        return (user, password);
    }

    public async Task<IReadOnlyList<User>> ListUsersAsync(Actor actor, CancellationToken ct)
    {
        actor.EnsureStaff();
        return await db.Users.OrderBy(u => u.Name).ToListAsync(ct);
    }

    public async Task<User> FindUserAsync(string name, CancellationToken ct) =>
        await db.Users.SingleOrDefaultAsync(u => u.Name == name, ct)
        ?? throw DomainException.NotFound($"Den Zugang „{name}“ gibt es nicht.", $"There is no user \"{name}\".");

    /// <summary>The actor's own account, for their profile.</summary>
    public async Task<User> MeAsync(Actor actor, CancellationToken ct) =>
        await db.Users.SingleOrDefaultAsync(u => u.Id == actor.UserId, ct)
        ?? throw DomainException.NotFound("Dein Zugang ist nicht mehr da.", "Your account is gone.");

    /// <summary>
    /// Links the actor's own Matrix account (or unlinks it with an empty value). Their teams' rooms invite it on the
    /// platform's next pass; one Matrix account belongs to one person here.
    /// </summary>
    public async Task<User> LinkMatrixAsync(Actor actor, string? matrixUserId, CancellationToken ct)
    {
        var user = await MeAsync(actor, ct);
        user.LinkMatrix(matrixUserId);
        var taken = () => DomainException.Conflict(
            $"Das Matrix-Konto {user.MatrixUserId} hat schon jemand anderes hier verknüpft. Ist es deins? Dann frag deine Mentor:in.",
            $"Someone else here has already linked the Matrix account {user.MatrixUserId}. Is it yours? Then ask your mentor.");
        if (user.MatrixUserId is { } id && await db.Users.AnyAsync(u => u.MatrixUserId == id && u.Id != user.Id, ct)) throw taken();
        await UniqueNames.SaveAsync(db, taken, ct);
        return user;
    }

    /// <summary>
    /// Staff take a Matrix account off a person (someone linked an account that is not theirs, so its owner cannot link
    /// it): the rooms let it go on their next pass. Only an admin does this for a mentor or an admin. In the audit log.
    /// </summary>
    public async Task<User> UnlinkMatrixAsync(Actor actor, string name, CancellationToken ct)
    {
        actor.EnsureStaff();
        var user = await FindUserAsync(name, ct);
        if (user.IsStaff && user.Id != actor.UserId) actor.EnsureAdmin();
        if (user.MatrixUserId is not { } linked) return user;
        user.LinkMatrix(null);
        audit.Record(actor, AuditAction.MatrixUnlinked, null, $"{user.Name}: {linked}");
        await db.SaveChangesAsync(ct);
        return user;
    }

    /// <summary>A new token for the actor; the plain token is returned once and never stored.</summary>
    public async Task<(AccessToken Token, string Plain)> CreateTokenAsync(Actor actor, string? name, CancellationToken ct)
    {
        name = string.IsNullOrWhiteSpace(name) ? "token" : name.Trim();
        if (name.Length > 64)
            throw DomainException.Invalid("Der Name des Tokens darf höchstens 64 Zeichen haben.", "A token name may have at most 64 characters.");
        var plain = Secrets.NewToken();
        var token = new AccessToken(actor.UserId, name, Secrets.HashToken(plain), plain[..8], time.GetUtcNow());
        db.Tokens.Add(token);
        await db.SaveChangesAsync(ct);
        return (token, plain);
    }

    public async Task<IReadOnlyList<AccessToken>> ListTokensAsync(Actor actor, CancellationToken ct) =>
        await db.Tokens.Where(t => t.UserId == actor.UserId).OrderBy(t => t.Id).ToListAsync(ct);

    public async Task RevokeTokenAsync(Actor actor, int id, CancellationToken ct)
    {
        var token = await db.Tokens.SingleOrDefaultAsync(t => t.Id == id, ct);
        if (token is null || (token.UserId != actor.UserId && actor.Role != Role.Admin))
            throw DomainException.NotFound($"Das Token {id} gibt es nicht.", $"There is no token {id}.");
        token.Revoke(time.GetUtcNow());
        if (token.UserId != actor.UserId)
            audit.Record(actor, AuditAction.TokenRevoked, null, $"token {token.Id} ({token.Name}) of user {token.UserId}");
        await db.SaveChangesAsync(ct);
    }

    /// <summary>Whether a session for <paramref name="userId"/> with <paramref name="role"/> may go on: the person still
    /// exists, is not suspended, and has that role (a changed role means signing in again).</summary>
    public async Task<bool> SessionValidAsync(int userId, Role role, CancellationToken ct) =>
        await db.Users.AnyAsync(u => u.Id == userId && u.SuspendedAt == null && u.Role == role, ct);

    public static Actor ToActor(User user) => new(user.Id, user.Name, user.Role);

    /// <summary>The one password rule (at least 10 characters; any characters, so password managers and passphrases work).</summary>
    public static string ValidPassword(string password) => password.Length >= 10
        ? password
        : throw DomainException.Invalid("Das Passwort braucht mindestens 10 Zeichen.", "The password needs at least 10 characters.");
}
