using System.Globalization;
using JugendLab.Orchestrator.Configuration;
using JugendLab.Orchestrator.Errors;
using Microsoft.Extensions.Options;

namespace JugendLab.Orchestrator.Projects;

/// <summary>
/// A project's repository takes at most <see cref="BuildOptions.MaxRepositoryMb"/> on disk, all branches and tags together.
/// Checked on every push, to any branch, with the pushed objects that still wait in quarantine counted in.
/// </summary>
/// <remarks>
/// Counting the files on disk (rather than <c>git count-objects</c>) is what the limit protects, costs one directory walk,
/// and sees the quarantine, which git keeps below <c>objects/</c> until the pre-receive hook has said yes.
/// </remarks>
public sealed class RepositorySizeLimit(IOptions<BuildOptions> options)
{
    private const string QuarantinePrefix = "tmp_objdir-";
    private static readonly CultureInfo German = CultureInfo.GetCultureInfo("de-DE");
    private static readonly EnumerationOptions AllFiles = new()
    {
        RecurseSubdirectories = true, AttributesToSkip = FileAttributes.ReparsePoint, IgnoreInaccessible = true,
    };

    /// <summary>Throws <see cref="ErrorKind.TooLarge"/> when the repository with the pushed objects would be over the limit.</summary>
    /// <param name="repository">The bare repository.</param>
    /// <param name="quarantine">The folder holding this push's objects (GIT_QUARANTINE_PATH); null when there is none.</param>
    public void EnsureRoomFor(string repository, string? quarantine)
    {
        var incoming = quarantine is null ? 0 : BytesIn(quarantine);
        // A push that brings nothing new (deleting a branch, a new branch on an old commit) cannot grow the repository,
        // and must work even when it is over the limit: that is how a team makes room again.
        if (incoming == 0) return;
        var total = StoredBytes(repository) + incoming;
        var limit = options.Value.MaxRepositoryMb;
        if (total <= limit * 1024L * 1024L) return;
        var megabytes = Math.Ceiling(total * 10.0 / (1024 * 1024)) / 10;
        throw DomainException.TooLarge(
            string.Create(German, $"Push abgelehnt: Mit diesem Push wäre euer Repository {megabytes:0.#} MB gross, das Limit ist {limit} MB pro Projekt (alle Branches zusammen). Lasst grosse Dateien (Videos, Builds, node_modules) aus git heraus. Ist es schon zu gross, hilft euch eure Mentorin oder euer Mentor beim Aufräumen."),
            string.Create(CultureInfo.InvariantCulture, $"Push refused: with this push your repository would be {megabytes:0.#} MB, over the limit of {limit} MB per project (all branches together). Keep big files (videos, build output, node_modules) out of git. If it is already too big, your mentor helps you clean it up."));
    }

    /// <summary>Bytes the repository keeps on disk, without the quarantined objects of pushes under way or abandoned.</summary>
    internal static long StoredBytes(string repository)
    {
        var objects = Path.Combine(Path.GetFullPath(repository), "objects") + Path.DirectorySeparatorChar;
        return new DirectoryInfo(repository).EnumerateFiles("*", AllFiles)
            .Where(f => !f.FullName.StartsWith(objects + QuarantinePrefix, StringComparison.Ordinal))
            .Sum(f => f.Length);
    }

    private static long BytesIn(string folder) =>
        Directory.Exists(folder) ? new DirectoryInfo(folder).EnumerateFiles("*", AllFiles).Sum(f => f.Length) : 0;
}
