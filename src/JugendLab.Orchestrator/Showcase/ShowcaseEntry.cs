using JugendLab.Orchestrator.Errors;
using JugendLab.Orchestrator.Projects;

namespace JugendLab.Orchestrator.Showcase;

/// <summary>
/// How a project appears in the public Schaufenster, if its team chose to show it: a title, a short description in
/// Markdown (sanitised when shown), and whether other teams may remix it. Nothing about the youth but the team's name.
/// A remix's entry also names its original, and the team cannot change that.
/// </summary>
public sealed class ShowcaseEntry
{
    public const int MaxTitleLength = 80;
    public const int MaxDescriptionLength = 2000;

    private ShowcaseEntry() { }

    public ShowcaseEntry(Project project)
    {
        ProjectId = project.Id;
        Project = project;
    }

    public int Id { get; private set; }
    public int ProjectId { get; private set; }
    public Project Project { get; private set; } = null!;

    /// <summary>Shown to everyone while the project is live.</summary>
    public bool Shown { get; private set; }

    public string Title { get; private set; } = "";
    public string? Description { get; private set; }
    public bool AllowRemix { get; private set; }

    /// <summary>The Wunsch aus dem Quartier this project answers, if any: one its team has taken on.</summary>
    public int? WishId { get; private set; }
    public Wishes.Wish? Wish { get; private set; }
    public string UpdatedBy { get; private set; } = "";
    public DateTimeOffset UpdatedAt { get; private set; }

    /// <summary>The project this one is a remix of, while it exists (the database clears it when the original is deleted).</summary>
    public int? OriginalProjectId { get; private set; }
    public Project? OriginalProject { get; private set; }

    /// <summary>The original's showcase title and team when it was remixed, kept as text so the credit outlives the original.</summary>
    public string? OriginalTitle { get; private set; }

    /// <inheritdoc cref="OriginalTitle"/>
    public string? OriginalTeam { get; private set; }

    public bool IsRemix => OriginalTitle is not null;

    /// <summary>
    /// The hidden entry of a new remix: titled "Remix: …" for the team to change, and crediting the original, which the
    /// team cannot change (<see cref="Change"/> leaves the credit alone).
    /// </summary>
    public static ShowcaseEntry ForRemix(Project copy, ShowcaseEntry original, string by, DateTimeOffset at)
    {
        var title = "Remix: " + original.Title;
        return new ShowcaseEntry(copy)
        {
            Title = title.Length > MaxTitleLength ? title[..MaxTitleLength].TrimEnd() : title,
            OriginalProjectId = original.ProjectId,
            OriginalProject = original.Project,
            OriginalTitle = original.Title,
            OriginalTeam = original.Project.Team.Name,
            UpdatedBy = by,
            UpdatedAt = at,
        };
    }

    public void Change(bool shown, string? title, string? description, bool allowRemix, string by, DateTimeOffset at)
    {
        title = title?.Trim() ?? "";
        description = description?.Trim();
        if (shown && title.Length == 0)
            throw DomainException.Invalid("Gib dem Projekt einen Titel für das Schaufenster.", "Give the project a title for the showcase.");
        if (title.Length > MaxTitleLength)
            throw DomainException.Invalid($"Der Titel darf höchstens {MaxTitleLength} Zeichen haben.", $"The title may have at most {MaxTitleLength} characters.");
        if (description?.Length > MaxDescriptionLength)
            throw DomainException.Invalid($"Die Beschreibung darf höchstens {MaxDescriptionLength} Zeichen haben.",
                $"The description may have at most {MaxDescriptionLength} characters.");
        Shown = shown;
        Title = title;
        Description = string.IsNullOrEmpty(description) ? null : description;
        AllowRemix = allowRemix;
        UpdatedBy = by;
        UpdatedAt = at;
    }

    /// <summary>Names the wish this project answers (or none). Only a shown wish the project's own team has taken on.</summary>
    public void Answer(Wishes.Wish? wish)
    {
        if (wish is not null && (wish.TeamId != Project.TeamId || wish.Status != Wishes.WishStatus.Shown))
            throw DomainException.Invalid("Euer Projekt kann nur einen Wunsch beantworten, den euer Team übernommen hat.",
                "Your project can only answer a wish your team has taken on.");
        WishId = wish?.Id;
        Wish = wish;
    }
}
