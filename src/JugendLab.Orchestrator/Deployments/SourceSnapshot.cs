using System.Formats.Tar;

namespace JugendLab.Orchestrator.Deployments;

/// <summary>The files of one commit as a tar archive (the build context), with the commit id and the list of paths.</summary>
public sealed class SourceSnapshot
{
    private SourceSnapshot(byte[] tar, string commit, string? message, IReadOnlySet<string> paths)
    {
        Tar = tar;
        Commit = commit;
        Message = message;
        Paths = paths;
    }

    public byte[] Tar { get; }
    public string Commit { get; }

    /// <summary>The first line of the commit message.</summary>
    public string? Message { get; }
    public IReadOnlySet<string> Paths { get; }

    public static SourceSnapshot FromTar(byte[] tar, string commit, string? message = null)
    {
        var paths = new HashSet<string>(StringComparer.Ordinal);
        using var reader = new TarReader(new MemoryStream(tar));
        while (reader.GetNextEntry() is { } entry)
            if (entry.EntryType is not (TarEntryType.GlobalExtendedAttributes or TarEntryType.ExtendedAttributes))
                paths.Add(entry.Name.TrimEnd('/'));
        return new SourceSnapshot(tar, commit, message, paths);
    }

    public bool Has(string path) => Paths.Contains(path);
}
