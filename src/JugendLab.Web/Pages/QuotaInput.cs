using System.Globalization;
using JugendLab.Orchestrator.Errors;
using JugendLab.Orchestrator.Teams;

namespace JugendLab.Web.Pages;

/// <summary>
/// The four numbers of a quota as a form sends them: as text, so "0.5" and "0,5" both work whatever the page's language.
/// A value that is not a number is reported in the person's language, next to the form.
/// </summary>
public sealed class QuotaInput
{
    public string? MaxProjects { get; set; }
    public string? MemoryMb { get; set; }
    public string? Cpus { get; set; }
    public string? DiskMb { get; set; }

    public static QuotaInput From(Quota q) => new()
    {
        MaxProjects = q.MaxProjects.ToString(CultureInfo.InvariantCulture),
        MemoryMb = q.MemoryMb.ToString(CultureInfo.InvariantCulture),
        Cpus = q.Cpus.ToString("0.##", CultureInfo.InvariantCulture),
        DiskMb = q.DiskMb.ToString(CultureInfo.InvariantCulture),
    };

    public Quota ToQuota() => new(Whole(MaxProjects), Whole(MemoryMb), Number(Cpus), Whole(DiskMb));

    private static int Whole(string? text) => int.TryParse(text?.Trim(), NumberStyles.Integer, CultureInfo.InvariantCulture, out var n) ? n : throw NotANumber(text);

    private static double Number(string? text) =>
        double.TryParse(text?.Trim().Replace(',', '.'), NumberStyles.Float, CultureInfo.InvariantCulture, out var n) && double.IsFinite(n) ? n : throw NotANumber(text);

    private static DomainException NotANumber(string? text) => DomainException.Invalid(
        $"«{text}» ist keine Zahl. Gib in jedes Feld eine Zahl ein (bei CPU zum Beispiel 0.5).",
        $"\"{text}\" is not a number. Enter a number in each field (for CPU for example 0.5).");
}
