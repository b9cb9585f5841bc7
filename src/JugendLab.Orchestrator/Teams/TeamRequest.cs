using JugendLab.Orchestrator.Accounts;
using JugendLab.Orchestrator.Errors;
using JugendLab.Orchestrator.Naming;

namespace JugendLab.Orchestrator.Teams;

/// <summary>
/// A youth asks for a team of their own: a name and, in their own words, what they want to build; a mentor decides. A
/// request moves once: Pending → Approved or Declined. Whether the name is still free is the service's question (it needs
/// the database); everything else is checked here.
/// </summary>
public sealed class TeamRequest
{
    public const int MaxPurposeLength = 1000;
    public const int MaxNoteLength = 1000;

    private TeamRequest() { }

    /// <summary>What <paramref name="requester"/> asks for. Staff make teams themselves (Betreuung › Teams) and do not ask.</summary>
    public TeamRequest(Actor requester, string? name, string? purpose, DateTimeOffset at)
    {
        if (requester.IsStaff)
            throw DomainException.Invalid("Als Mentor:in oder Admin fragst du nicht an: Du erstellst Teams direkt unter Betreuung › Teams.",
                "As a mentor or admin you do not ask: you make teams yourself under Mentoring › Teams.");
        Name = Slug.Validate(name, NameKind.Team);
        purpose = purpose?.Trim();
        if (string.IsNullOrEmpty(purpose))
            throw DomainException.Invalid("Schreib in ein paar Sätzen, was ihr bauen wollt. Das hilft der Mentor:in beim Entscheiden.",
                "Write in a few sentences what you want to build. That helps the mentor decide.");
        if (purpose.Length > MaxPurposeLength)
            throw DomainException.Invalid($"Was ihr bauen wollt, darf höchstens {MaxPurposeLength} Zeichen haben.",
                $"What you want to build may have at most {MaxPurposeLength} characters.");
        Purpose = purpose;
        RequestedById = requester.UserId;
        RequestedBy = requester.Name;
        RequestedAt = at;
    }

    public int Id { get; private set; }

    /// <summary>The team's name as asked for; the same rules as any team name.</summary>
    public string Name { get; private set; } = "";

    /// <summary>What the youth want to build, in their words.</summary>
    public string Purpose { get; private set; } = "";

    public int RequestedById { get; private set; }
    public string RequestedBy { get; private set; } = "";
    public DateTimeOffset RequestedAt { get; private set; }

    public TeamRequestStatus Status { get; private set; } = TeamRequestStatus.Pending;
    public string? DecidedBy { get; private set; }
    public DateTimeOffset? DecidedAt { get; private set; }
    public string? Note { get; private set; }

    /// <summary>
    /// A mentor's or admin's decision, final once made. A decline needs a note, so the youth know what they can do
    /// differently; an approval may have one. The team itself is made by the service, in the same save.
    /// </summary>
    public void Decide(Actor actor, bool approve, string? note, DateTimeOffset at)
    {
        actor.EnsureStaff();
        if (Status != TeamRequestStatus.Pending)
            throw DomainException.Conflict($"Über diese Anfrage hat {DecidedBy} schon entschieden.", $"{DecidedBy} already decided on this request.");
        note = note?.Trim();
        if (note?.Length > MaxNoteLength)
            throw DomainException.Invalid($"Die Notiz darf höchstens {MaxNoteLength} Zeichen haben.", $"The note may have at most {MaxNoteLength} characters.");
        if (!approve && string.IsNullOrEmpty(note))
            throw DomainException.Invalid($"Schreib {RequestedBy} kurz, warum du ablehnst. So weiss {RequestedBy}, woran es liegt und was möglich ist.",
                $"Tell {RequestedBy} briefly why you decline. Then they know why, and what is possible instead.");
        Status = approve ? TeamRequestStatus.Approved : TeamRequestStatus.Declined;
        DecidedBy = actor.Name;
        DecidedAt = at;
        Note = string.IsNullOrEmpty(note) ? null : note;
    }

    /// <summary>For the audit log: the decision, the team and who asked.</summary>
    public string Describe() => $"{Status}: team {Name}, asked by {RequestedBy}";
}

public enum TeamRequestStatus
{
    Pending,
    Approved,
    Declined,
}
