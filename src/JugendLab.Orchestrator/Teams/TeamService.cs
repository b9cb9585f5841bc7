using JugendLab.Orchestrator.Accounts;
using JugendLab.Orchestrator.Audit;
using JugendLab.Orchestrator.Errors;
using JugendLab.Orchestrator.Naming;
using JugendLab.Orchestrator.State;
using Microsoft.EntityFrameworkCore;

namespace JugendLab.Orchestrator.Teams;

/// <summary>Teams, their members and quotas. Staff create teams and set quotas; members see their own teams.</summary>
public sealed class TeamService(JugendLabDb db, AccountService accounts, AuditLog audit, Reconciliation.Reconciler reconciler, TimeProvider time)
{
    public async Task<Team> CreateAsync(Actor actor, string name, CancellationToken ct)
    {
        var team = await AddAsync(actor, name, ct);
        await UniqueNames.SaveAsync(db, () => NameTaken(team.Name), ct);
        return team;
    }

    /// <summary>
    /// A new team with the default quota, added to the pending changes with its audit entry but not saved: the caller saves
    /// it together with whatever belongs to the same decision (an approved <see cref="TeamRequest"/> and its first member).
    /// </summary>
    internal async Task<Team> AddAsync(Actor actor, string name, CancellationToken ct)
    {
        actor.EnsureStaff();
        name = Slug.Validate(name, NameKind.Team);
        if (await IsTakenAsync(name, ct)) throw NameTaken(name);
        var team = new Team(name, Quota.Default, time.GetUtcNow());
        db.Teams.Add(team);
        audit.Record(actor, AuditAction.TeamCreated, name, name);
        return team;
    }

    public async Task<bool> IsTakenAsync(string name, CancellationToken ct) => await db.Teams.AnyAsync(t => t.Name == name, ct);

    public static DomainException NameTaken(string name) => DomainException.Conflict($"Den Teamnamen „{name}“ gibt es schon. Bitte wählt einen anderen.",
        $"The team name \"{name}\" is already taken. Please choose another one.");

    public async Task<IReadOnlyList<Team>> ListAsync(Actor actor, CancellationToken ct) => actor.IsStaff
        ? await db.Teams.OrderBy(t => t.Name).ToListAsync(ct)
        : await db.Teams.Where(t => t.Members.Any(m => m.UserId == actor.UserId)).OrderBy(t => t.Name).ToListAsync(ct);

    /// <summary>A team the actor may see; other teams look like they do not exist.</summary>
    public async Task<Team> GetAsync(Actor actor, string name, CancellationToken ct)
    {
        var team = await db.Teams.SingleOrDefaultAsync(t => t.Name == name, ct);
        if (team is null || (!actor.IsStaff && !team.HasMember(actor.UserId)))
            throw DomainException.NotFound($"Das Team „{name}“ gibt es nicht (oder du bist nicht Mitglied).",
                $"There is no team \"{name}\" (or you are not a member).");
        return team;
    }

    public async Task<IReadOnlyList<string>> MemberNamesAsync(Team team, CancellationToken ct)
    {
        var ids = team.Members.Select(m => m.UserId).ToList();
        return await db.Users.Where(u => ids.Contains(u.Id)).OrderBy(u => u.Name).Select(u => u.Name).ToListAsync(ct);
    }

    public async Task AddMemberAsync(Actor actor, string teamName, string userName, CancellationToken ct)
    {
        actor.EnsureStaff();
        var team = await GetAsync(actor, teamName, ct);
        var user = await accounts.FindUserAsync(userName, ct);
        team.AddMember(user.Id);
        audit.Record(actor, AuditAction.MemberAdded, team.Name, user.Name);
        await db.SaveChangesAsync(ct);
    }

    public async Task RemoveMemberAsync(Actor actor, string teamName, string userName, CancellationToken ct)
    {
        actor.EnsureStaff();
        var team = await GetAsync(actor, teamName, ct);
        var user = await accounts.FindUserAsync(userName, ct);
        team.RemoveMember(user.Id);
        audit.Record(actor, AuditAction.MemberRemoved, team.Name, user.Name);
        await db.SaveChangesAsync(ct);
    }

    public async Task<Team> SetQuotaAsync(Actor actor, string teamName, Quota quota, string? reason, CancellationToken ct)
    {
        actor.EnsureStaff();
        var team = await GetAsync(actor, teamName, ct);
        var before = team.Quota;
        team.ChangeQuota(quota);
        audit.Record(actor, AuditAction.QuotaChanged, team.Name, $"{Describe(before)} → {Describe(team.Quota)}", reason);
        await db.SaveChangesAsync(ct);
        // A raised disk quota grows the team's projects' /data now.
        foreach (var projectId in await db.Projects.Where(p => p.TeamId == team.Id).Select(p => p.Id).ToListAsync(ct))
            await reconciler.ReconcileProjectAsync(projectId, ct);
        return team;
    }

    private static string Describe(Quota q) =>
        string.Create(System.Globalization.CultureInfo.InvariantCulture, $"{q.MaxProjects} projects, {q.MemoryMb} MB, {q.Cpus} CPU, {q.DiskMb} MB disk");
}
