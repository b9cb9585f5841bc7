using JugendLab.Orchestrator.Accounts;
using JugendLab.Orchestrator.Errors;
using JugendLab.Orchestrator.Teams;

namespace JugendLab.Orchestrator.Wishes;

/// <summary>
/// "Wünsche aus dem Quartier": a resident says what the neighbourhood needs ("Unser Quartierverein braucht eine
/// Website für …"). A mentor looks at it before anyone else sees it; once shown, a team can take it on, and the project
/// that answers it says so in the Schaufenster. No account is needed; the address is kept only shortened, for the limit.
/// </summary>
public sealed class Wish
{
    public const int MaxTitleLength = 100;
    public const int MaxTextLength = 2000;
    public const int MaxFromLength = 80;
    public const int MaxContactLength = 200;
    public const int MaxNoteLength = 1000;

    private Wish() { }

    public Wish(string? title, string? text, string? from, string? contact, string posterKey, DateTimeOffset at)
    {
        title = title?.Trim() ?? "";
        text = text?.Trim() ?? "";
        from = from?.Trim();
        contact = contact?.Trim();
        if (title.Length == 0)
            throw DomainException.Invalid("Sag in ein paar Worten, was ihr euch wünscht (zum Beispiel «Website für den Quartierverein»).",
                "Say in a few words what you wish for (for example \"A website for our residents' association\").");
        if (title.Length > MaxTitleLength)
            throw DomainException.Invalid($"Der Titel darf höchstens {MaxTitleLength} Zeichen haben.", $"The title may have at most {MaxTitleLength} characters.");
        if (text.Length == 0)
            throw DomainException.Invalid("Beschreib, wofür ihr es braucht und wer es brauchen wird: Das hilft dem Team, das es baut.",
                "Describe what you need it for and who will use it: that helps the team that builds it.");
        if (text.Length > MaxTextLength)
            throw DomainException.Invalid($"Die Beschreibung darf höchstens {MaxTextLength} Zeichen haben.", $"The description may have at most {MaxTextLength} characters.");
        if (from?.Length > MaxFromLength)
            throw DomainException.Invalid($"«Von wem» darf höchstens {MaxFromLength} Zeichen haben.", $"\"From\" may have at most {MaxFromLength} characters.");
        if (contact?.Length > MaxContactLength)
            throw DomainException.Invalid($"Die Kontaktangabe darf höchstens {MaxContactLength} Zeichen haben.", $"The contact may have at most {MaxContactLength} characters.");
        Title = title;
        Text = text;
        From = string.IsNullOrEmpty(from) ? null : from;
        Contact = string.IsNullOrEmpty(contact) ? null : contact;
        PosterKey = posterKey;
        PostedAt = at;
    }

    public int Id { get; private set; }
    public string Title { get; private set; } = "";
    public string Text { get; private set; } = "";

    /// <summary>Who wishes it, as they want to be named in public ("Quartierverein Breitenrain"); optional.</summary>
    public string? From { get; private set; }

    /// <summary>How the team or a mentor can reach the resident, only if given; never shown in public.</summary>
    public string? Contact { get; private set; }

    /// <summary>The poster's address, shortened (see <see cref="Reports.ReporterAddress"/>), for the hourly limit only.</summary>
    public string PosterKey { get; private set; } = "";

    public DateTimeOffset PostedAt { get; private set; }
    public WishStatus Status { get; private set; } = WishStatus.Pending;
    public string? DecidedBy { get; private set; }
    public DateTimeOffset? DecidedAt { get; private set; }

    /// <summary>A mentor's note when declining (shown to staff only: the resident has no account to read it).</summary>
    public string? Note { get; private set; }

    public int? TeamId { get; private set; }
    public Team? Team { get; private set; }
    public DateTimeOffset? AdoptedAt { get; private set; }

    /// <summary>Shown in public and not yet taken on by a team.</summary>
    public bool IsOpen => Status == WishStatus.Shown && TeamId is null;

    /// <summary>A mentor shows it in public, or declines it (with a note for the other mentors). Once only.</summary>
    public void Decide(Actor actor, bool show, string? note, DateTimeOffset at)
    {
        actor.EnsureStaff();
        note = note?.Trim();
        if (Status != WishStatus.Pending)
            throw DomainException.Conflict("Über diesen Wunsch hat schon jemand entschieden.", "Someone already decided about this wish.");
        if (!show && string.IsNullOrEmpty(note))
            throw DomainException.Invalid("Schreib kurz, warum der Wunsch nicht gezeigt wird: Die anderen Mentor:innen sehen es.",
                "Write briefly why the wish is not shown: the other mentors see it.");
        if (note?.Length > MaxNoteLength)
            throw DomainException.Invalid($"Die Notiz darf höchstens {MaxNoteLength} Zeichen haben.", $"The note may have at most {MaxNoteLength} characters.");
        Status = show ? WishStatus.Shown : WishStatus.Declined;
        Note = string.IsNullOrEmpty(note) ? null : note;
        DecidedBy = actor.Name;
        DecidedAt = at;
    }

    /// <summary>A team takes the wish on: one team per wish, and only a wish that is shown.</summary>
    public void Adopt(Actor actor, Team team, DateTimeOffset at)
    {
        actor.EnsureCanWorkOn(team);
        if (Status != WishStatus.Shown)
            throw DomainException.NotFound("Diesen Wunsch gibt es nicht (mehr).", "This wish does not exist (any more).");
        if (TeamId == team.Id) return;
        if (TeamId is not null)
            throw DomainException.Conflict("Ein anderes Team hat diesen Wunsch schon übernommen. Fragt es, ob ihr mithelfen könnt!",
                "Another team already took this wish on. Ask them whether you can help!");
        TeamId = team.Id;
        Team = team;
        AdoptedAt = at;
    }

    /// <summary>The team gives the wish back, so another team can take it on.</summary>
    public void Release(Actor actor)
    {
        if (Team is null) return;
        actor.EnsureCanWorkOn(Team);
        TeamId = null;
        Team = null;
        AdoptedAt = null;
    }

    /// <summary>A mentor takes a shown wish out of public view again (done, outdated, or wrong after all).</summary>
    public void Withdraw(Actor actor, string? note, DateTimeOffset at)
    {
        actor.EnsureStaff();
        if (Status != WishStatus.Shown) return;
        Status = WishStatus.Withdrawn;
        Note = string.IsNullOrWhiteSpace(note) ? Note : note.Trim();
        DecidedBy = actor.Name;
        DecidedAt = at;
    }
}

public enum WishStatus
{
    /// <summary>Posted; only mentors see it.</summary>
    Pending,
    /// <summary>A mentor approved it: everyone sees it, and a team can take it on.</summary>
    Shown,
    /// <summary>A mentor did not show it.</summary>
    Declined,
    /// <summary>Was shown; a mentor took it down again.</summary>
    Withdrawn,
}
