using JugendLab.Orchestrator.Accounts;
using JugendLab.Orchestrator.Errors;
using JugendLab.Orchestrator.Naming;
using JugendLab.Orchestrator.State;
using Microsoft.EntityFrameworkCore;

namespace JugendLab.Orchestrator.Teams;

/// <summary>Teams, their members and quotas. Staff create teams and set quotas; members see their own teams.</summary>
public sealed class TeamService(JugendLabDb db, AccountService accounts, Reconciliation.Reconciler reconciler, TimeProvider time)
{
    public async Task<Team> CreateAsync(Actor actor, string name, CancellationToken ct)
    {
        actor.EnsureStaff();
        name = Slug.Validate(name, NameKind.Team);
        if (await db.Teams.AnyAsync(t => t.Name == name, ct))
            throw DomainException.Conflict($"Den Teamnamen „{name}“ gibt es schon. Bitte wählt einen anderen.",
                $"The team name \"{name}\" is already taken. Please choose another one.");
        var team = new Team(name, Quota.Default, time.GetUtcNow());
        db.Teams.Add(team);
        await db.SaveChangesAsync(ct);
        return team;
    }

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
        await db.SaveChangesAsync(ct);
    }

    public async Task RemoveMemberAsync(Actor actor, string teamName, string userName, CancellationToken ct)
    {
        actor.EnsureStaff();
        var team = await GetAsync(actor, teamName, ct);
        var user = await accounts.FindUserAsync(userName, ct);
        team.RemoveMember(user.Id);
        await db.SaveChangesAsync(ct);
    }

    public async Task<Team> SetQuotaAsync(Actor actor, string teamName, Quota quota, CancellationToken ct)
    {
        actor.EnsureStaff();
        var team = await GetAsync(actor, teamName, ct);
        team.ChangeQuota(quota);
        await db.SaveChangesAsync(ct);
        await reconciler.ReconcileAsync(ct); // a raised disk quota grows the running projects' /data now
        return team;
    }
}
