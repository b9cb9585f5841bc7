using JugendLab.Orchestrator.Accounts;
using JugendLab.Orchestrator.Audit;
using JugendLab.Orchestrator.Configuration;
using JugendLab.Orchestrator.Errors;
using JugendLab.Orchestrator.Projects;
using JugendLab.Orchestrator.Showcase;
using JugendLab.Orchestrator.State;
using JugendLab.Orchestrator.Teams;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace JugendLab.Orchestrator.Wishes;

/// <summary>
/// Wünsche aus dem Quartier: residents post, mentors decide what is shown, teams take wishes on, and the project that
/// answers one names it in the Schaufenster.
/// </summary>
public sealed class WishService(JugendLabDb db, TeamService teams, AuditLog audit, IOptions<ReportOptions> options, TimeProvider time)
{
    /// <summary>A resident's wish; nobody but the mentors sees it until one of them shows it.</summary>
    public async Task<Wish> PostAsync(string? title, string? text, string? from, string? contact, string posterKey, CancellationToken ct)
    {
        var now = time.GetUtcNow();
        var wish = new Wish(title, text, from, contact, posterKey, now); // a mistake in the form is said first
        var hourAgo = now - TimeSpan.FromHours(1);
        var recent = (await db.Wishes.Where(w => w.PosterKey == posterKey).Select(w => w.PostedAt).ToListAsync(ct)).Count(at => at > hourAgo);
        if (recent >= options.Value.WishesPerAddressPerHour)
            throw DomainException.TooMany(
                $"Von deinem Anschluss kamen in der letzten Stunde schon {recent} Wünsche. Warte bitte eine Stunde, oder bring deine Idee im Quartiertreff vorbei.",
                $"{recent} wishes came from your connection in the last hour. Please wait an hour, or bring your idea to the community centre.");
        db.Wishes.Add(wish);
        await db.SaveChangesAsync(ct);
        return wish;
    }

    /// <summary>What everyone sees: the shown wishes, open ones first, with the project that answers each (if it is live and shown).</summary>
    public async Task<IReadOnlyList<PublicWish>> PublicAsync(CancellationToken ct)
    {
        var wishes = await db.Wishes.Include(w => w.Team).Where(w => w.Status == WishStatus.Shown).ToListAsync(ct);
        var ids = wishes.Select(w => w.Id).ToList();
        var answers = await db.ShowcaseEntries.Include(e => e.Project)
            .Where(e => e.WishId != null && ids.Contains(e.WishId.Value) && e.Shown && e.Project.Status == ProjectStatus.Live)
            .ToListAsync(ct);
        return wishes
            .Select(w => new PublicWish(w, answers.FirstOrDefault(a => a.WishId == w.Id)))
            .OrderBy(w => w.Stage).ThenByDescending(w => w.Wish.DecidedAt)
            .ToList();
    }

    /// <summary>Wishes waiting for a mentor, oldest first; staff only.</summary>
    public async Task<IReadOnlyList<Wish>> PendingAsync(Actor actor, CancellationToken ct)
    {
        actor.EnsureStaff();
        return await db.Wishes.Where(w => w.Status == WishStatus.Pending).OrderBy(w => w.Id).ToListAsync(ct);
    }

    public async Task<int> PendingCountAsync(Actor actor, CancellationToken ct)
    {
        actor.EnsureStaff();
        return await db.Wishes.CountAsync(w => w.Status == WishStatus.Pending, ct);
    }

    /// <summary>Shows a waiting wish to everyone, or declines it with a note; in the audit log either way.</summary>
    public async Task<Wish> DecideAsync(Actor actor, int id, bool show, string? note, CancellationToken ct)
    {
        actor.EnsureStaff();
        var wish = await FindAsync(id, ct);
        wish.Decide(actor, show, note, time.GetUtcNow());
        audit.Record(actor, show ? AuditAction.WishShown : AuditAction.WishDeclined, null, $"wish {wish.Id}: {wish.Title}", wish.Note);
        await db.SaveChangesAsync(ct);
        return wish;
    }

    /// <summary>Takes a shown wish out of public view again (done, outdated, or wrong after all).</summary>
    public async Task<Wish> WithdrawAsync(Actor actor, int id, string? note, CancellationToken ct)
    {
        actor.EnsureStaff();
        var wish = await FindAsync(id, ct);
        wish.Withdraw(actor, note, time.GetUtcNow());
        audit.Record(actor, AuditAction.WishWithdrawn, wish.Team?.Name, $"wish {wish.Id}: {wish.Title}", note);
        await db.SaveChangesAsync(ct);
        return wish;
    }

    /// <summary>A team takes the wish on; the team's members (and staff) may do this.</summary>
    public async Task<Wish> AdoptAsync(Actor actor, int id, string teamName, CancellationToken ct)
    {
        var team = await teams.GetAsync(actor, teamName, ct);
        var wish = await FindAsync(id, ct);
        wish.Adopt(actor, team, time.GetUtcNow());
        await db.SaveChangesAsync(ct);
        return wish;
    }

    /// <summary>The team gives the wish back; a showcase entry that answered it no longer names it.</summary>
    public async Task<Wish> ReleaseAsync(Actor actor, int id, CancellationToken ct)
    {
        var wish = await FindAsync(id, ct);
        if (wish.Team is null) return wish;
        wish.Release(actor);
        await db.ShowcaseEntries.Where(e => e.WishId == wish.Id).ExecuteUpdateAsync(s => s.SetProperty(e => e.WishId, (int?)null), ct);
        await db.SaveChangesAsync(ct);
        return wish;
    }

    /// <summary>The wishes this team has taken on and that are still shown: what its projects can answer.</summary>
    public async Task<IReadOnlyList<Wish>> AdoptedByAsync(int teamId, CancellationToken ct) =>
        await db.Wishes.Where(w => w.TeamId == teamId && w.Status == WishStatus.Shown).OrderBy(w => w.Title).ToListAsync(ct);

    private async Task<Wish> FindAsync(int id, CancellationToken ct) =>
        await db.Wishes.Include(w => w.Team).SingleOrDefaultAsync(w => w.Id == id, ct)
        ?? throw DomainException.NotFound("Diesen Wunsch gibt es nicht (mehr).", "This wish does not exist (any more).");
}

/// <summary>A shown wish as everyone sees it, and the showcased project that answers it, if any.</summary>
public sealed record PublicWish(Wish Wish, ShowcaseEntry? Answer)
{
    public WishStage Stage => Answer is not null ? WishStage.Answered : Wish.TeamId is not null ? WishStage.Adopted : WishStage.Open;
}

/// <summary>Where a shown wish stands, in the order the public page lists them.</summary>
public enum WishStage
{
    Open,
    Adopted,
    Answered,
}
