using System.Globalization;
using JugendLab.Orchestrator.Errors;

namespace JugendLab.Orchestrator.Teams;

/// <summary>A team's limits, approved by a mentor. New teams start small.</summary>
public sealed record Quota(int MaxProjects, int MemoryMb, double Cpus, int DiskMb)
{
    private static readonly CultureInfo German = CultureInfo.GetCultureInfo("de-DE");

    public static readonly Quota Default = new(MaxProjects: 3, MemoryMb: 256, Cpus: 0.5, DiskMb: 1024);

    /// <summary>Refuses a quota no engine could apply.</summary>
    public Quota Validated()
    {
        if (MaxProjects is < 0 or > 100 || MemoryMb is < 32 or > 16_384 || Cpus is < 0.05 or > 16 || DiskMb is < 0 or > 1_000_000)
            throw DomainException.Invalid(
                "Diese Quota geht nicht: Projekte 0–100, Speicher 32–16384 MB, CPU 0,05–16, Speicherplatz 0–1000000 MB.",
                "This quota is not possible: projects 0-100, memory 32-16384 MB, CPU 0.05-16, disk 0-1000000 MB.");
        return this;
    }

    /// <summary>Refuses resources for one project that exceed this quota, naming the limit and by how much.</summary>
    public void Allow(int memoryMb, double cpus)
    {
        // Zero would mean "no limit" to the engine: never let a project ask for that.
        if (memoryMb < 32 || cpus < 0.05)
            throw DomainException.Invalid(
                "Ein Projekt braucht mindestens 32 MB Arbeitsspeicher und 0,05 CPU.",
                "A project needs at least 32 MB of memory and 0.05 CPU.");
        if (memoryMb > MemoryMb)
            throw DomainException.Quota(
                $"Das Projekt möchte {memoryMb} MB Arbeitsspeicher, eure Quota erlaubt {MemoryMb} MB pro Projekt ({memoryMb - MemoryMb} MB zu viel). Fragt eure Mentorin oder euren Mentor nach mehr.",
                $"The project asks for {memoryMb} MB of memory, your quota allows {MemoryMb} MB per project ({memoryMb - MemoryMb} MB too much). Ask your mentor for more.");
        if (cpus > Cpus + 1e-9)
            throw DomainException.Quota(
                string.Create(German, $"Das Projekt möchte {cpus:0.##} CPU, eure Quota erlaubt {Cpus:0.##} CPU pro Projekt ({cpus - Cpus:0.##} zu viel). Fragt eure Mentorin oder euren Mentor nach mehr."),
                string.Create(CultureInfo.InvariantCulture, $"The project asks for {cpus:0.##} CPU, your quota allows {Cpus:0.##} CPU per project ({cpus - Cpus:0.##} too much). Ask your mentor for more."));
    }

    /// <summary>Refuses a deploy while the project's /data holds more than the quota allows, naming the limit and the excess.</summary>
    public void AllowData(long usedBytes)
    {
        var usedMb = (usedBytes + 1024 * 1024 - 1) / (1024 * 1024);
        if (usedMb > DiskMb)
            throw DomainException.Quota(
                $"Im Ordner /data liegen {usedMb} MB, eure Quota erlaubt {DiskMb} MB ({usedMb - DiskMb} MB zu viel). Löscht Dateien in /data oder fragt eure Mentorin oder euren Mentor nach mehr.",
                $"The /data folder holds {usedMb} MB, your quota allows {DiskMb} MB ({usedMb - DiskMb} MB too much). Delete files in /data or ask your mentor for more.");
    }

    /// <summary>Refuses one more project when the team already has <paramref name="existing"/>.</summary>
    public void AllowAnotherProject(int existing)
    {
        if (existing >= MaxProjects)
            throw DomainException.Quota(
                $"Euer Team hat schon {existing} von {MaxProjects} Projekten (1 zu viel). Fragt eure Mentorin oder euren Mentor nach mehr.",
                $"Your team already has {existing} of {MaxProjects} projects (1 too many). Ask your mentor for more.");
    }
}
