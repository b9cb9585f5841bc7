using JugendLab.Orchestrator.Audit;
using JugendLab.Orchestrator.Errors;
using JugendLab.Orchestrator.Projects;
using JugendLab.Orchestrator.State;
using Microsoft.EntityFrameworkCore;

namespace JugendLab.Orchestrator.Accounts;

/// <summary>
/// Staff suspend a person: every session ends at its next request, every token is revoked, and the projects of teams
/// where the person is the only member are stopped (a team with others keeps running: the others did nothing). The
/// reason is recorded. Lifting it lets the person sign in again and starts the projects the suspension stopped.
/// </summary>
public sealed class Suspensions(JugendLabDb db, AuditLog audit, ProjectService projects, TimeProvider time)
{
    public async Task<User> SuspendAsync(Actor actor, string userName, string? reason, CancellationToken ct)
    {
        var user = await FindAsync(actor, userName, ct);
        var now = time.GetUtcNow();
        user.Suspend(actor, reason, now);
        foreach (var token in await db.Tokens.Where(t => t.UserId == user.Id && t.RevokedAt == null).ToListAsync(ct)) token.Revoke(now);
        audit.Record(actor, AuditAction.UserSuspended, null, user.Name, user.SuspendReason);
        await db.SaveChangesAsync(ct);
        foreach (var (team, slug) in await OwnProjectsAsync(user, ct))
        {
            var project = await projects.GetAsync(actor, team, slug, ct);
            if (project.Status == ProjectStatus.Live) await projects.StopAsync(actor, team, slug, StopReason(user), ct);
        }
        return user;
    }

    public async Task<User> LiftAsync(Actor actor, string userName, CancellationToken ct)
    {
        var user = await FindAsync(actor, userName, ct);
        if (!user.IsSuspended)
            throw DomainException.Conflict($"{user.Name} ist nicht gesperrt.", $"{user.Name} is not suspended.");
        var stoppedFor = StopReason(user);
        user.Lift(actor);
        audit.Record(actor, AuditAction.UserReinstated, null, user.Name);
        await db.SaveChangesAsync(ct);
        foreach (var (team, slug) in await OwnProjectsAsync(user, ct))
        {
            var project = await projects.GetAsync(actor, team, slug, ct);
            if (project.IsStoppedByStaff && project.StopReason == stoppedFor)
                await projects.StartAsync(actor, team, slug, $"Sperre von {user.Name} aufgehoben", ct);
        }
        return user;
    }

    /// <summary>Everyone, for the mentors' list of people. Staff only.</summary>
    public async Task<IReadOnlyList<User>> PeopleAsync(Actor actor, CancellationToken ct)
    {
        actor.EnsureStaff();
        return await db.Users.OrderBy(u => u.Name).ToListAsync(ct);
    }

    private async Task<User> FindAsync(Actor actor, string userName, CancellationToken ct)
    {
        actor.EnsureStaff();
        return await db.Users.SingleOrDefaultAsync(u => u.Name == userName, ct)
               ?? throw DomainException.NotFound($"Den Zugang «{userName}» gibt es nicht.", $"There is no user \"{userName}\".");
    }

    /// <summary>The projects of the teams in which <paramref name="user"/> is the only member.</summary>
    private async Task<IReadOnlyList<(string Team, string Slug)>> OwnProjectsAsync(User user, CancellationToken ct)
    {
        var teams = await db.Teams.Where(t => t.Members.Any(m => m.UserId == user.Id) && t.Members.Count == 1).Select(t => t.Id).ToListAsync(ct);
        return (await db.Projects.Include(p => p.Team).Where(p => teams.Contains(p.TeamId)).ToListAsync(ct))
            .Select(p => (p.Team.Name, p.Slug)).ToList();
    }

    private static string StopReason(User user) => $"Zugang von {user.Name} gesperrt: {user.SuspendReason}";
}
