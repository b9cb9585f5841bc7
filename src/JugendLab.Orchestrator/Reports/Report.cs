using JugendLab.Orchestrator.Accounts;
using JugendLab.Orchestrator.Errors;
using JugendLab.Orchestrator.Projects;

namespace JugendLab.Orchestrator.Reports;

/// <summary>
/// "Problem melden": a resident tells the mentors that something about a project is wrong. No account is needed; the
/// reporter's address is kept only shortened (<see cref="ReporterAddress"/>), and a way to be contacted only if given.
/// </summary>
public sealed class Report
{
    public const int MaxTextLength = 2000;
    public const int MaxContactLength = 200;
    public const int MaxNoteLength = 1000;

    private Report() { }

    public Report(Project project, ReportReason reason, string? text, string? contact, string reporterKey, DateTimeOffset at)
    {
        text = text?.Trim();
        contact = contact?.Trim();
        if (!Enum.IsDefined(reason))
            throw DomainException.Invalid("Wähl aus, worum es geht.", "Choose what it is about.");
        if (reason == ReportReason.Other && string.IsNullOrEmpty(text))
            throw DomainException.Invalid("Beschreib in ein paar Worten, was nicht stimmt.", "Describe in a few words what is wrong.");
        if (text?.Length > MaxTextLength)
            throw DomainException.Invalid($"Die Beschreibung darf höchstens {MaxTextLength} Zeichen haben.", $"The description may have at most {MaxTextLength} characters.");
        if (contact?.Length > MaxContactLength)
            throw DomainException.Invalid($"Die Kontaktangabe darf höchstens {MaxContactLength} Zeichen haben.", $"The contact may have at most {MaxContactLength} characters.");
        ProjectId = project.Id;
        Project = project;
        Reason = reason;
        Text = string.IsNullOrEmpty(text) ? null : text;
        Contact = string.IsNullOrEmpty(contact) ? null : contact;
        ReporterKey = reporterKey;
        At = at;
    }

    public int Id { get; private set; }
    public int ProjectId { get; private set; }
    public Project Project { get; private set; } = null!;
    public ReportReason Reason { get; private set; }
    public string? Text { get; private set; }

    /// <summary>How to reach the reporter, only if they gave one; seen by mentors only.</summary>
    public string? Contact { get; private set; }

    /// <summary>The reporter's address, shortened: enough to tell reporters apart, not enough to find a household.</summary>
    public string ReporterKey { get; private set; } = "";

    public DateTimeOffset At { get; private set; }
    public ReportOutcome? Outcome { get; private set; }
    public string? HandledBy { get; private set; }
    public DateTimeOffset? HandledAt { get; private set; }
    public string? Note { get; private set; }

    public bool IsOpen => Outcome is null;

    /// <summary>A mentor has looked at it; a report is handled once.</summary>
    public void Handle(Actor actor, ReportOutcome outcome, string? note, DateTimeOffset at)
    {
        actor.EnsureStaff();
        if (!IsOpen) return;
        Outcome = outcome;
        HandledBy = actor.Name;
        HandledAt = at;
        Note = string.IsNullOrWhiteSpace(note) ? null : note.Trim();
    }
}

/// <summary>The fixed list a resident chooses from.</summary>
public enum ReportReason
{
    /// <summary>gemein oder beleidigend</summary>
    Mean,
    /// <summary>gefährlich oder verboten</summary>
    Dangerous,
    /// <summary>zeigt persönliche Daten</summary>
    PersonalData,
    /// <summary>ohne Quellenangabe kopiert</summary>
    Copied,
    /// <summary>funktioniert nicht</summary>
    Broken,
    /// <summary>anderes</summary>
    Other,
}

/// <summary>What a mentor decided about a project's open reports.</summary>
public enum ReportOutcome
{
    /// <summary>Nothing wrong (or fixed): the project is (again) online.</summary>
    Released,
    /// <summary>The project stays stopped, as a mentor's stop with a reason.</summary>
    KeptStopped,
}
