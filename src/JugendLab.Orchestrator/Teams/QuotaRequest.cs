using System.Globalization;
using JugendLab.Orchestrator.Accounts;
using JugendLab.Orchestrator.Errors;

namespace JugendLab.Orchestrator.Teams;

/// <summary>
/// A team asks for more of the box — projects, memory, CPU, disk — in its own words, and a mentor decides. Nothing
/// changes without a decision. A request moves once: Pending → Approved, PartlyApproved or Declined.
/// </summary>
public sealed class QuotaRequest
{
    public const int MaxReasonLength = 1000;
    public const int MaxNoteLength = 1000;

    private QuotaRequest() { }

    /// <summary>What <paramref name="askedBy"/> asks for, as the team's whole new quota; every value at least what it has, one more.</summary>
    public QuotaRequest(Team team, Quota asked, string? reason, string askedBy, DateTimeOffset at)
    {
        reason = reason?.Trim();
        if (string.IsNullOrEmpty(reason))
            throw DomainException.Invalid("Schreib in ein paar Worten, wofür ihr mehr braucht. Das hilft eurer Mentor:in beim Entscheiden.",
                "Write in a few words what you need more for. That helps your mentor decide.");
        if (reason.Length > MaxReasonLength)
            throw DomainException.Invalid($"Die Begründung darf höchstens {MaxReasonLength} Zeichen haben.", $"The reason may have at most {MaxReasonLength} characters.");
        asked.Validated();
        var before = team.Quota;
        if (asked.MaxProjects < before.MaxProjects || asked.MemoryMb < before.MemoryMb || asked.Cpus < before.Cpus - 1e-9 || asked.DiskMb < before.DiskMb)
            throw DomainException.Invalid("Eine Anfrage fragt nur nach mehr: Jeder Wert ist mindestens so gross wie heute.",
                "A request only asks for more: every value is at least what you have today.");
        if (asked == before)
            throw DomainException.Invalid("Ihr fragt nach genau dem, was ihr schon habt. Erhöh mindestens einen Wert.",
                "You are asking for exactly what you already have. Raise at least one value.");
        TeamId = team.Id;
        Team = team;
        Before = before;
        Asked = asked;
        Reason = reason;
        AskedBy = askedBy;
        AskedAt = at;
    }

    public int Id { get; private set; }
    public int TeamId { get; private set; }
    public Team Team { get; private set; } = null!;

    /// <summary>The team's quota when it asked.</summary>
    public Quota Before { get; private set; } = Quota.Default;

    public Quota Asked { get; private set; } = Quota.Default;
    public string Reason { get; private set; } = "";
    public string AskedBy { get; private set; } = "";
    public DateTimeOffset AskedAt { get; private set; }

    public QuotaRequestStatus Status { get; private set; } = QuotaRequestStatus.Pending;

    /// <summary>What the mentor gave: the team's new quota (null while pending or when declined).</summary>
    public Quota? Granted { get; private set; }

    public string? DecidedBy { get; private set; }
    public DateTimeOffset? DecidedAt { get; private set; }
    public string? Note { get; private set; }

    /// <summary>
    /// A mentor's decision: <paramref name="granted"/> is the new quota (from what the team had up to what it asked, per
    /// value), or null to decline. A mentor who is in the team decides only if they are admin; a decision is final.
    /// </summary>
    public void Decide(Actor actor, Quota? granted, string? note, DateTimeOffset at)
    {
        actor.EnsureStaff();
        if (Team.HasMember(actor.UserId) && actor.Role != Role.Admin)
            throw DomainException.Forbidden("Du bist selbst in diesem Team. Über seine Anfragen entscheidet eine andere Mentor:in oder ein Admin.",
                "You are in this team yourself. Another mentor or an admin decides on its requests.");
        if (Status != QuotaRequestStatus.Pending)
            throw DomainException.Conflict($"Über diese Anfrage hat {DecidedBy} schon entschieden.", $"{DecidedBy} already decided on this request.");
        note = note?.Trim();
        if (note?.Length > MaxNoteLength)
            throw DomainException.Invalid($"Die Notiz darf höchstens {MaxNoteLength} Zeichen haben.", $"The note may have at most {MaxNoteLength} characters.");
        if (granted is not null)
        {
            granted.Validated();
            if (!Between(granted.MaxProjects, Before.MaxProjects, Asked.MaxProjects) || !Between(granted.MemoryMb, Before.MemoryMb, Asked.MemoryMb)
                || !Between(granted.Cpus, Before.Cpus, Asked.Cpus) || !Between(granted.DiskMb, Before.DiskMb, Asked.DiskMb))
                throw DomainException.Invalid(
                    "Gib pro Wert zwischen dem, was das Team hat, und dem, was es fragt. Willst du gar nichts geben, lehn die Anfrage ab.",
                    "Give each value between what the team has and what it asks for. To give nothing, decline the request.");
            if (granted == Before) granted = null; // nothing more is a "no", and says so
        }
        if (granted is null && string.IsNullOrEmpty(note))
            throw DomainException.Invalid("Schreib dem Team kurz, warum du ablehnst. So weiss es, was es anders machen kann.",
                "Tell the team briefly why you decline. Then it knows what it can do differently.");
        Granted = granted;
        Status = granted is null ? QuotaRequestStatus.Declined
            : granted == Asked ? QuotaRequestStatus.Approved
            : QuotaRequestStatus.PartlyApproved;
        DecidedBy = actor.Name;
        DecidedAt = at;
        Note = string.IsNullOrEmpty(note) ? null : note;
    }

    /// <summary>For the audit log: what was asked and what was given.</summary>
    public string Describe() => Granted is { } g
        ? $"{Status}: asked {Text(Asked)}, granted {Text(g)}"
        : $"{Status}: asked {Text(Asked)}";

    private static string Text(Quota q) =>
        string.Create(CultureInfo.InvariantCulture, $"{q.MaxProjects} projects, {q.MemoryMb} MB, {q.Cpus} CPU, {q.DiskMb} MB disk");

    private static bool Between(double value, double low, double high) => value >= low - 1e-9 && value <= high + 1e-9;
}

public enum QuotaRequestStatus
{
    Pending,
    Approved,
    PartlyApproved,
    Declined,
}
