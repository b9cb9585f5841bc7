using JugendLab.Orchestrator.Accounts;
using JugendLab.Orchestrator.Audit;
using JugendLab.Orchestrator.Errors;
using JugendLab.Orchestrator.State;
using Microsoft.EntityFrameworkCore;

namespace JugendLab.Orchestrator.Teams;

/// <summary>
/// "Neues Team anfragen": a youth asks for a team of their own, mentors decide. An approval makes the team with the
/// default quota (as a mentor's own team creation does) and the youth its first member, saved with the decision and its
/// audit entries in one transaction.
/// </summary>
public sealed class TeamRequestService(JugendLabDb db, TeamService teams, AuditLog audit, Notices.ChatNotifier notices, TimeProvider time)
{
    /// <summary>A signed-in youth asks; one open request per person, for a name no team has and nobody else is asking for.</summary>
    public async Task<TeamRequest> AskAsync(Actor actor, string? name, string? purpose, CancellationToken ct)
    {
        var request = new TeamRequest(actor, name, purpose, time.GetUtcNow());
        if (await db.TeamRequests.AnyAsync(r => r.RequestedById == actor.UserId && r.Status == TeamRequestStatus.Pending, ct))
            throw OneOpenAlready();
        if (await teams.IsTakenAsync(request.Name, ct)) throw TeamService.NameTaken(request.Name);
        if (await db.TeamRequests.AnyAsync(r => r.Name == request.Name && r.Status == TeamRequestStatus.Pending, ct))
            throw AskedForAlready(request.Name);
        db.TeamRequests.Add(request);
        audit.Record(actor, AuditAction.TeamRequested, request.Name, $"team {request.Name}", request.Purpose);
        notices.TeamAsked(db, request);
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateException e) when (UniqueNames.IsUniqueViolation(e))
        {
            // A second tab or a parallel request got there a moment earlier; the partial unique indexes say which rule it broke.
            db.ChangeTracker.Clear();
            throw e.InnerException!.Message.Contains(nameof(TeamRequest.RequestedById), StringComparison.Ordinal)
                ? OneOpenAlready()
                : AskedForAlready(request.Name);
        }
        return request;
    }

    /// <summary>The person's own requests, newest first.</summary>
    public async Task<IReadOnlyList<TeamRequest>> MineAsync(Actor actor, CancellationToken ct) =>
        await db.TeamRequests.Where(r => r.RequestedById == actor.UserId).OrderByDescending(r => r.Id).Take(50).ToListAsync(ct);

    /// <summary>For the API: a youth's own requests, or everyone's for staff; newest first, optionally of one status.</summary>
    public async Task<IReadOnlyList<TeamRequest>> ListAsync(Actor actor, TeamRequestStatus? status, CancellationToken ct)
    {
        var query = actor.IsStaff ? db.TeamRequests : db.TeamRequests.Where(r => r.RequestedById == actor.UserId);
        if (status is { } s) query = query.Where(r => r.Status == s);
        return await query.OrderByDescending(r => r.Id).Take(200).ToListAsync(ct);
    }

    /// <summary>The mentors' queue: open requests, oldest first. Staff only.</summary>
    public async Task<IReadOnlyList<TeamRequest>> PendingAsync(Actor actor, CancellationToken ct)
    {
        actor.EnsureStaff();
        return await db.TeamRequests.Where(r => r.Status == TeamRequestStatus.Pending).OrderBy(r => r.Id).ToListAsync(ct);
    }

    /// <summary>
    /// A mentor approves (the team is made, the youth is in it) or declines with a note the youth reads. The name is checked
    /// again: a team may have taken it since the youth asked.
    /// </summary>
    public async Task<TeamRequest> DecideAsync(Actor actor, int id, bool approve, string? note, CancellationToken ct)
    {
        actor.EnsureStaff();
        var request = await db.TeamRequests.SingleOrDefaultAsync(r => r.Id == id, ct)
                      ?? throw DomainException.NotFound($"Die Anfrage {id} für ein neues Team gibt es nicht.", $"There is no new-team request {id}.");
        if (approve && request.Status == TeamRequestStatus.Pending && await teams.IsTakenAsync(request.Name, ct))
            throw TakenSinceAsked(request);
        request.Decide(actor, approve, note, time.GetUtcNow());
        if (approve)
        {
            var team = await teams.AddAsync(actor, request.Name, ct);
            team.AddMember(request.RequestedById);
            audit.Record(actor, AuditAction.MemberAdded, team.Name, request.RequestedBy, $"Anfrage {request.Id}");
        }
        audit.Record(actor, AuditAction.TeamRequestDecided, request.Name, request.Describe(), request.Note);
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateException e) when (UniqueNames.IsUniqueViolation(e))
        {
            db.ChangeTracker.Clear(); // nothing of this decision is saved; the request stays open
            throw TakenSinceAsked(request);
        }
        return request;
    }

    private static DomainException OneOpenAlready() => DomainException.Conflict(
        "Du hast schon eine offene Anfrage für ein neues Team. Warte auf die Antwort, dann kannst du wieder fragen.",
        "You already have an open request for a new team. Wait for the answer, then you can ask again.");

    private static DomainException AskedForAlready(string name) => DomainException.Conflict(
        $"Jemand hat das Team „{name}“ schon angefragt. Wähl einen anderen Namen, zum Beispiel „{name}-2“.",
        $"Someone has already asked for the team \"{name}\". Choose another name, for example \"{name}-2\".");

    private static DomainException TakenSinceAsked(TeamRequest request) => DomainException.Conflict(
        $"Ein Team „{request.Name}“ gibt es inzwischen schon. Lehn die Anfrage ab und schreib {request.RequestedBy}, dass ein anderer Name nötig ist.",
        $"A team \"{request.Name}\" exists by now. Decline the request and tell {request.RequestedBy} that another name is needed.");
}
