using JugendLab.Orchestrator.Accounts;
using JugendLab.Orchestrator.Audit;
using JugendLab.Orchestrator.Errors;
using JugendLab.Orchestrator.Naming;
using JugendLab.Orchestrator.State;
using Microsoft.EntityFrameworkCore;

namespace JugendLab.Orchestrator.Invites;

/// <summary>
/// Invite codes: mentors make them for a team, take back the ones not used yet, and see who joined with which; a youth
/// joins with one by choosing a nickname and a password. Nothing else about the youth is asked for or stored.
/// </summary>
public sealed class InviteService(JugendLabDb db, AuditLog audit, PasswordHasher hasher, TimeProvider time)
{
    public const int MaxPerBatch = 30;

    /// <summary>How long used, expired and withdrawn codes stay in the mentors' list.</summary>
    public static readonly TimeSpan ShownAfterClosing = TimeSpan.FromDays(30);

    public async Task<IReadOnlyList<InviteCode>> CreateAsync(Actor actor, string teamName, int count, int validDays, CancellationToken ct)
    {
        actor.EnsureStaff();
        var team = await db.Teams.SingleOrDefaultAsync(t => t.Name == teamName, ct)
                   ?? throw DomainException.NotFound($"Das Team „{teamName}“ gibt es nicht.", $"There is no team \"{teamName}\".");
        if (count is < 1 or > MaxPerBatch)
            throw DomainException.Invalid($"Du kannst 1 bis {MaxPerBatch} Codes auf einmal machen.", $"You can make 1 to {MaxPerBatch} codes at once.");
        if (validDays is < 1 or > InviteCode.MaxValidDays)
            throw DomainException.Invalid($"Ein Code gilt 1 bis {InviteCode.MaxValidDays} Tage.", $"A code is valid for 1 to {InviteCode.MaxValidDays} days.");
        var now = time.GetUtcNow();
        var made = Enumerable.Range(0, count).Select(_ => new InviteCode(team.Id, actor.Name, now, TimeSpan.FromDays(validDays))).ToList();
        db.InviteCodes.AddRange(made);
        audit.Record(actor, AuditAction.InviteCreated, team.Name,
            count == 1 ? $"1 invite code, valid {validDays} days" : $"{count} invite codes, valid {validDays} days");
        await db.SaveChangesAsync(ct);
        return made;
    }

    /// <summary>Open codes, and those closed in the last <see cref="ShownAfterClosing"/>; newest first. Staff only.</summary>
    public async Task<IReadOnlyList<InviteCode>> ListAsync(Actor actor, CancellationToken ct)
    {
        actor.EnsureStaff();
        var since = time.GetUtcNow() - ShownAfterClosing;
        var all = await db.InviteCodes.Include(i => i.Team).OrderByDescending(i => i.Id).Take(2000).ToListAsync(ct);
        return all.Where(i => (i.UsedAt ?? i.RevokedAt ?? i.ExpiresAt) >= since).ToList();
    }

    public async Task<InviteCode> GetAsync(Actor actor, int id, CancellationToken ct)
    {
        actor.EnsureStaff();
        return await db.InviteCodes.Include(i => i.Team).SingleOrDefaultAsync(i => i.Id == id, ct)
               ?? throw DomainException.NotFound($"Den Einladungscode {id} gibt es nicht.", $"There is no invite code {id}.");
    }

    public async Task<InviteCode> RevokeAsync(Actor actor, int id, CancellationToken ct)
    {
        var invite = await GetAsync(actor, id, ct);
        invite.Revoke(time.GetUtcNow());
        audit.Record(actor, AuditAction.InviteRevoked, invite.Team.Name, $"invite code {invite.Code[..3]}… (id {invite.Id})");
        await db.SaveChangesAsync(ct);
        return invite;
    }

    /// <summary>The team a code leads into, for the join page; null when there is no such code (or it cannot be one).</summary>
    public async Task<InviteCode?> FindAsync(string? typed, CancellationToken ct) =>
        InviteCode.Normalize(typed) is { } code
            ? await db.InviteCodes.Include(i => i.Team).SingleOrDefaultAsync(i => i.Code == code, ct)
            : null;

    /// <summary>
    /// Makes the youth's account and puts it into the code's team, or refuses with a reason they can act on. Null means
    /// "no such code" (for the caller's limits on guessing). The code is claimed with a conditional update in the same
    /// transaction as the account, so two people typing one code at the same moment cannot both get in.
    /// </summary>
    public async Task<Actor?> JoinAsync(string? typedCode, string? nickname, string? password, CancellationToken ct)
    {
        var name = Slug.Validate(nickname?.Trim() ?? "", NameKind.User);
        password = AccountService.ValidPassword(password ?? "");
        var invite = await FindAsync(typedCode, ct);
        if (invite is null) return null;
        invite.EnsureRedeemable(time.GetUtcNow());
        var taken = () => DomainException.Conflict($"Den Namen «{name}» hat schon jemand. Wähl einen anderen, zum Beispiel «{name}-2».",
            $"Someone already has the name \"{name}\". Choose another one, for example \"{name}-2\".");
        if (await db.Users.AnyAsync(u => u.Name == name, ct)) throw taken();
        var hash = await hasher.HashAsync(password, ct);

        var now = time.GetUtcNow();
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        var claimed = await db.InviteCodes
            .Where(i => i.Id == invite.Id && i.UsedAt == null && i.RevokedAt == null)
            .ExecuteUpdateAsync(s => s.SetProperty(i => i.UsedAt, now).SetProperty(i => i.UsedBy, name), ct);
        if (claimed == 0) throw InviteCode.AlreadyUsed();
        var user = new User(name, Role.Youth, hash, now);
        db.Users.Add(user);
        await UniqueNames.SaveAsync(db, taken, ct);
        invite.Team.AddMember(user.Id);
        var actor = AccountService.ToActor(user);
        audit.Record(actor, AuditAction.JoinedWithInvite, invite.Team.Name, $"{name} with invite code {invite.Code[..3]}… of {invite.CreatedBy}");
        await db.SaveChangesAsync(ct);
        await transaction.CommitAsync(ct);
        return actor;
    }
}
