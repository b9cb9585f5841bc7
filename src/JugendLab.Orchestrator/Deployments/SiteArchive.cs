using System.Formats.Tar;
using JugendLab.Orchestrator.Errors;

namespace JugendLab.Orchestrator.Deployments;

/// <summary>
/// Unpacks a static website from its commit's tar into an empty folder the platform then serves as it is. The rules
/// are those the nginx template had (sandbox-images/static/jugendlab-static): <c>public/</c> when the repository has
/// that folder, else everything; hidden files (a name starting with a dot) never, <c>.well-known/</c> always.
/// </summary>
/// <remarks>
/// Youth code is untrusted and the folder lies in the platform's data directory, so only plain folders and regular files
/// are ever written: a symlink, hardlink, device or fifo is skipped (a link could point at /etc/passwd or at another
/// team's files, and the gateway would follow it), and so is every name that is absolute, has a <c>..</c> or <c>.</c>
/// segment, a backslash or a control character. Each target is checked to stay inside the folder once more before it is
/// written. The tar was already held to <c>Build:MaxContextMb</c>; the files written are counted against it again.
/// </remarks>
public static class SiteArchive
{
    /// <summary>The folder served instead of the whole repository when it exists, as in the nginx template.</summary>
    public const string PublicFolder = "public";

    /// <summary>The one hidden folder that is served: Let's Encrypt, security.txt and friends live there.</summary>
    public const string WellKnown = ".well-known";

    /// <summary>Writes the site's files into <paramref name="folder"/> (which must exist and be empty).</summary>
    public static SiteExtraction Extract(byte[] tar, string folder, long maxBytes)
    {
        var root = Path.TrimEndingDirectorySeparator(Path.GetFullPath(folder)) + Path.DirectorySeparatorChar;
        var fromPublic = HasPublicFolder(tar);
        var skipped = new List<SkippedEntry>();
        long bytes = 0;
        var files = 0;
        using var reader = new TarReader(new MemoryStream(tar, writable: false));
        while (reader.GetNextEntry() is { } entry)
        {
            if (entry.EntryType is TarEntryType.GlobalExtendedAttributes or TarEntryType.ExtendedAttributes) continue; // git's commit id
            var name = entry.Name.TrimEnd('/');
            if (Refusal(name) is { } refused)
            {
                skipped.Add(new SkippedEntry(name, refused));
                continue;
            }
            if (!Served(name, fromPublic, out var relative)) continue;
            if (IsHidden(relative))
            {
                skipped.Add(new SkippedEntry(name, SkipReason.Hidden));
                continue;
            }
            var kind = KindOf(entry.EntryType);
            if (kind is SkipReason reason)
            {
                skipped.Add(new SkippedEntry(name, reason));
                continue;
            }
            var target = Path.GetFullPath(Path.Join(root, relative));
            if (!target.StartsWith(root, StringComparison.Ordinal))
            {
                skipped.Add(new SkippedEntry(name, SkipReason.OutsideTheFolder));
                continue;
            }
            if (entry.EntryType == TarEntryType.Directory)
            {
                if (!File.Exists(target)) Directory.CreateDirectory(target);
                continue;
            }
            bytes += entry.Length;
            if (bytes > maxBytes) throw TooLarge(maxBytes);
            if (File.Exists(target) || Directory.Exists(target))
            {
                skipped.Add(new SkippedEntry(name, SkipReason.Duplicate));
                continue;
            }
            WriteFile(entry, target);
            files++;
        }
        return new SiteExtraction(fromPublic, files, bytes, skipped);
    }

    private static void WriteFile(TarEntry entry, string target)
    {
        // Parents are made here, by us, so none of them can be a link: the folder is new and nothing else writes in it.
        Directory.CreateDirectory(Path.GetDirectoryName(target)!);
        using var output = new FileStream(target, new FileStreamOptions
        {
            // CreateNew: never opens (and so never writes through) anything that is already there.
            Mode = FileMode.CreateNew, Access = FileAccess.Write,
        });
        entry.DataStream?.CopyTo(output);
    }

    /// <summary>Whether the repository has a <c>public/</c> folder (a real one: a link named public does not count).</summary>
    public static bool HasPublicFolder(byte[] tar)
    {
        using var reader = new TarReader(new MemoryStream(tar, writable: false));
        while (reader.GetNextEntry() is { } entry)
        {
            var name = entry.Name.TrimEnd('/');
            if (name == PublicFolder) return entry.EntryType == TarEntryType.Directory;
            if (name.StartsWith(PublicFolder + "/", StringComparison.Ordinal) && KindOf(entry.EntryType) is null) return true;
        }
        return false;
    }

    /// <summary>Why a name may never be written, or null when it may: absolute, <c>..</c>, backslashes, control characters.</summary>
    public static SkipReason? Refusal(string name)
    {
        if (name.Length == 0 || name[0] == '/' || name.Contains('\\') || name.Any(char.IsControl)) return SkipReason.UnsafeName;
        foreach (var segment in name.Split('/'))
            if (segment is "" or "." or "..") return SkipReason.UnsafeName;
        return null;
    }

    /// <summary>Whether the entry is part of what is served, and its name inside the site folder.</summary>
    private static bool Served(string name, bool fromPublic, out string relative)
    {
        relative = name;
        if (!fromPublic) return true;
        if (!name.StartsWith(PublicFolder + "/", StringComparison.Ordinal)) return false;
        relative = name[(PublicFolder.Length + 1)..];
        return true;
    }

    /// <summary>A name with a segment starting with a dot is hidden (.env, .gitignore …), except a <c>.well-known</c> folder.</summary>
    public static bool IsHidden(string relative)
    {
        foreach (var segment in relative.Split('/'))
            if (segment.StartsWith('.') && segment != WellKnown) return true;
        return false;
    }

    /// <summary>Null for what is written (folders and regular files); the reason for everything else.</summary>
    private static SkipReason? KindOf(TarEntryType type) => type switch
    {
        TarEntryType.Directory or TarEntryType.RegularFile or TarEntryType.V7RegularFile or TarEntryType.ContiguousFile => null,
        TarEntryType.SymbolicLink or TarEntryType.HardLink => SkipReason.Link,
        _ => SkipReason.NotAPlainFile,
    };

    private static DomainException TooLarge(long maxBytes)
    {
        var mb = maxBytes / (1024 * 1024);
        return DomainException.TooLarge(
            $"Die Dateien der Website sind zusammen grösser als {mb} MB (Limit für den Build). Lasst grosse Dateien (Videos, Builds) aus dem Repository.",
            $"The website's files are larger than {mb} MB together (the build limit). Keep big files (videos, build output) out of the repository.");
    }
}

/// <summary>What was unpacked: from <c>public/</c> or the whole repository, how many files and bytes, and what was left out.</summary>
public sealed record SiteExtraction(bool FromPublic, int Files, long Bytes, IReadOnlyList<SkippedEntry> Skipped)
{
    /// <summary>Skipped entries named one by one in the deploy log; the rest are counted.</summary>
    public const int NamedSkips = 20;

    /// <summary>What the deploy log tells the team (German, English): what is served, and every file left out with why.</summary>
    public IEnumerable<(string German, string English)> LogLines()
    {
        var size = Bytes < 1024 * 1024 ? $"{(Bytes + 1023) / 1024} KB" : $"{Bytes / (1024.0 * 1024):0.#} MB".Replace(',', '.');
        yield return FromPublic
            ? ($"Bereit: {Files} {(Files == 1 ? "Datei" : "Dateien")} ({size}) aus dem Ordner public/.", $"Ready: {Files} {(Files == 1 ? "file" : "files")} ({size}) from the folder public/.")
            : ($"Bereit: {Files} {(Files == 1 ? "Datei" : "Dateien")} ({size}).", $"Ready: {Files} {(Files == 1 ? "file" : "files")} ({size}).");
        // Hidden files (.gitignore, .github/ …) are in most repositories and left out on purpose: one line for all of them.
        var hidden = Skipped.Where(s => s.Reason == SkipReason.Hidden).Select(s => s.Name).ToList();
        if (hidden.Count > 0)
        {
            var some = string.Join(", ", hidden.Take(3)) + (hidden.Count > 3 ? ", …" : "");
            yield return ($"{hidden.Count} versteckte Dateien und Ordner (Name beginnt mit einem Punkt) werden nie ausgeliefert: {some}",
                $"{hidden.Count} hidden files and folders (name starts with a dot) are never served: {some}");
        }
        var others = Skipped.Where(s => s.Reason != SkipReason.Hidden).ToList();
        foreach (var skip in others.Take(NamedSkips))
            yield return skip.Reason switch
            {
                SkipReason.Link => ($"Übersprungen: {skip.Name} ist eine Verknüpfung (Symlink). Die Plattform folgt keinen Verknüpfungen: Leg die Datei selbst ins Repository.",
                    $"Skipped: {skip.Name} is a link (symlink). The platform never follows links: put the file itself into the repository."),
                SkipReason.Duplicate => ($"Übersprungen: {skip.Name} kommt doppelt vor.", $"Skipped: {skip.Name} comes twice."),
                _ => ($"Übersprungen: {skip.Name} ist keine gewöhnliche Datei oder hat einen unerlaubten Namen.",
                    $"Skipped: {skip.Name} is not an ordinary file or has a name that is not allowed."),
            };
        if (others.Count > NamedSkips)
            yield return ($"… und {others.Count - NamedSkips} weitere übersprungen.", $"… and {others.Count - NamedSkips} more skipped.");
    }
}

/// <summary>An entry of the repository that is not served, and why.</summary>
public sealed record SkippedEntry(string Name, SkipReason Reason);

/// <summary>Why an entry of the repository is not part of the website.</summary>
public enum SkipReason
{
    /// <summary>A symlink or hardlink: never followed, never written.</summary>
    Link,
    /// <summary>A device, fifo or other special file.</summary>
    NotAPlainFile,
    /// <summary>Absolute, with <c>..</c>, a backslash or a control character.</summary>
    UnsafeName,
    /// <summary>Hidden (starts with a dot), like nginx's rule.</summary>
    Hidden,
    /// <summary>Would land outside the site's folder.</summary>
    OutsideTheFolder,
    /// <summary>The name came twice, or a file and a folder share it.</summary>
    Duplicate,
}
