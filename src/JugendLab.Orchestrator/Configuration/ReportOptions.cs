namespace JugendLab.Orchestrator.Configuration;

/// <summary>When reports pause a project, and how many reports and wishes one address may send; bound from <c>JugendLab:Reports</c>.</summary>
public sealed class ReportOptions
{
    public const string Section = "JugendLab:Reports";

    /// <summary>This many reports from different addresses within <see cref="PauseWindow"/> pause the project until a mentor looks.</summary>
    public int PauseAfter { get; set; } = 3;

    public TimeSpan PauseWindow { get; set; } = TimeSpan.FromHours(24);

    /// <summary>Reports one (shortened) address may send per hour, over all projects.</summary>
    public int PerAddressPerHour { get; set; } = 5;

    /// <summary>Wishes (Wünsche aus dem Quartier) one (shortened) address may post per hour.</summary>
    public int WishesPerAddressPerHour { get; set; } = 3;

    public bool IsValid() => PauseAfter >= 1 && PauseWindow > TimeSpan.Zero && PerAddressPerHour >= 1 && WishesPerAddressPerHour >= 1;
}
