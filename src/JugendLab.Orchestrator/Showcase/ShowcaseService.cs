using JugendLab.Orchestrator.Accounts;
using JugendLab.Orchestrator.Errors;
using JugendLab.Orchestrator.Projects;
using JugendLab.Orchestrator.State;
using Microsoft.EntityFrameworkCore;

namespace JugendLab.Orchestrator.Showcase;

/// <summary>The Schaufenster: a team decides whether and how its project is shown; everyone sees the live ones.</summary>
public sealed class ShowcaseService(JugendLabDb db, ProjectService projects, TimeProvider time)
{
    /// <summary>The project's entry (members and staff); a new, hidden one when the team never set it.</summary>
    public async Task<ShowcaseEntry> GetAsync(Actor actor, string team, string slug, CancellationToken ct)
    {
        var project = await projects.GetAsync(actor, team, slug, ct);
        return await db.ShowcaseEntries.Include(e => e.Wish).Include(e => e.OriginalProject)
            .SingleOrDefaultAsync(e => e.ProjectId == project.Id, ct) ?? new ShowcaseEntry(project);
    }

    public async Task<ShowcaseEntry> SaveAsync(Actor actor, string team, string slug, bool shown, string? title, string? description,
        bool allowRemix, int? wishId, CancellationToken ct)
    {
        var project = await projects.GetAsync(actor, team, slug, ct);
        actor.EnsureCanWorkOn(project.Team);
        var entry = await db.ShowcaseEntries.SingleOrDefaultAsync(e => e.ProjectId == project.Id, ct);
        if (entry is null) db.ShowcaseEntries.Add(entry = new ShowcaseEntry(project));
        entry.Change(shown, title, description, allowRemix, actor.Name, time.GetUtcNow());
        entry.Answer(wishId is null ? null : await db.Wishes.SingleOrDefaultAsync(w => w.Id == wishId, ct)
            ?? throw DomainException.Invalid("Diesen Wunsch gibt es nicht (mehr).", "This wish does not exist (any more)."));
        await db.SaveChangesAsync(ct);
        return entry;
    }

    /// <summary>What everyone sees: shown entries of projects that are live right now, newest change first.</summary>
    public async Task<IReadOnlyList<ShowcaseEntry>> PublicAsync(CancellationToken ct) =>
        await db.ShowcaseEntries.Include(e => e.Project).ThenInclude(p => p.Team).Include(e => e.Wish).Include(e => e.OriginalProject)
            .Where(e => e.Shown && e.Project.Status == ProjectStatus.Live)
            .OrderByDescending(e => e.Id).Take(200).ToListAsync(ct);
}
