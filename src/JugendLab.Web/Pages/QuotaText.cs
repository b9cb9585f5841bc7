using System.Globalization;
using JugendLab.Orchestrator.Teams;

namespace JugendLab.Web.Pages;

/// <summary>A quota in one short line of the page's language: "5 Projekte; pro Projekt 384 MB Arbeitsspeicher, 0.5 CPU, 2048 MB Speicherplatz".</summary>
public static class QuotaText
{
    public static string Of(Quota q, CultureInfo culture) => culture.TwoLetterISOLanguageName == "en"
        ? string.Create(culture, $"{q.MaxProjects} projects; per project {q.MemoryMb} MB memory, {q.Cpus:0.##} CPU, {q.DiskMb} MB disk")
        : string.Create(culture, $"{q.MaxProjects} Projekte; pro Projekt {q.MemoryMb} MB Arbeitsspeicher, {q.Cpus:0.##} CPU, {q.DiskMb} MB Speicherplatz");
}
