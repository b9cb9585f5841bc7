using System.Globalization;
using JugendLab.Orchestrator.Deployments;
using JugendLab.Orchestrator.Errors;

namespace JugendLab.Orchestrator.Projects;

/// <summary>
/// Writes a starter's files (or, for a remix, another project's files) as the first commit of a project's bare
/// repository, with the real git's plumbing (hash-object, update-index on a temporary index, write-tree, fetch, commit-tree,
/// update-ref). None of these run hooks: the repository's pre-receive hook would call back the platform to build, and the
/// first deploy is started by the caller.
/// </summary>
public sealed class StarterSeeder(TimeProvider time)
{
    public const string AuthorName = "JugendLab";
    public const string AuthorEmail = "jugendlab@localhost";

    /// <summary>Commits the starter to <paramref name="branch"/>, which must not exist yet; returns the commit id.</summary>
    public async Task<string> SeedAsync(string repositoryPath, string branch, Starter starter, CancellationToken ct)
    {
        var files = starter.Files();
        var work = Directory.CreateTempSubdirectory("jl-starter-");
        try
        {
            var gitDir = $"--git-dir={Path.GetFullPath(repositoryPath)}";
            var hashes = await HashFilesAsync(work.FullName, gitDir, files, ct);
            var index = new Dictionary<string, string> { ["GIT_INDEX_FILE"] = Path.Combine(work.FullName, "index") };
            var entries = files.Select((f, i) => $"100644,{hashes[i]},{f.Path}").SelectMany(e => new[] { "--cacheinfo", e });
            await GitProcess.RunAsync(work.FullName, index, ct, [gitDir, "update-index", "--add", .. entries]);
            var tree = await GitProcess.RunAsync(work.FullName, index, ct, gitDir, "write-tree");
            var commit = await GitProcess.RunAsync(work.FullName, Author(), ct, gitDir, "commit-tree", tree, "-m", Message(starter));
            await UpdateBranchAsync(work.FullName, gitDir, branch, commit, ct);
            return commit;
        }
        finally
        {
            work.Delete(recursive: true);
        }
    }

    /// <summary>The tree (the files) of <paramref name="commit"/> in a repository, or null when the repository does not have it.</summary>
    public static async Task<string?> TreeOfAsync(string repositoryPath, string commit, CancellationToken ct)
    {
        try
        {
            return await GitProcess.RunAsync(null, null, ct, $"--git-dir={Path.GetFullPath(repositoryPath)}", "rev-parse", "--verify", "--quiet",
                "--end-of-options", $"{commit}^{{tree}}");
        }
        catch (GitFailedException)
        {
            return null;
        }
    }

    /// <summary>
    /// Commits the files of <paramref name="tree"/> from another repository to <paramref name="branch"/>, which must not
    /// exist yet; returns the commit id. Only the tree's objects are fetched, never a commit: the other project's history,
    /// with its members' names and e-mail addresses, stays where it is.
    /// </summary>
    public async Task<string> SeedCopyAsync(string repositoryPath, string branch, string sourceRepositoryPath, string tree, string message,
        CancellationToken ct)
    {
        var gitDir = $"--git-dir={Path.GetFullPath(repositoryPath)}";
        // fetch runs no receive hooks; reference-transaction and the like are switched off all the same (see UpdateBranchAsync).
        await GitProcess.RunAsync(null, null, ct, gitDir, "-c", "core.hooksPath=/dev/null", "-c", "transfer.fsckObjects=true",
            "fetch", "--quiet", "--no-tags", "--no-write-fetch-head", "--", Path.GetFullPath(sourceRepositoryPath), tree);
        var commit = await GitProcess.RunAsync(null, Author(), ct, gitDir, "commit-tree", tree, "-m", message);
        await UpdateBranchAsync(Path.GetFullPath(repositoryPath), gitDir, branch, commit, ct);
        return commit;
    }

    /// <summary>Writes the files into the repository's object store; the hashes come back in the files' order.</summary>
    private static async Task<string[]> HashFilesAsync(string work, string gitDir, IReadOnlyList<StarterFile> files, CancellationToken ct)
    {
        var content = Directory.CreateDirectory(Path.Combine(work, "files")).FullName;
        for (var i = 0; i < files.Count; i++)
            await File.WriteAllBytesAsync(Path.Combine(content, i.ToString(CultureInfo.InvariantCulture)), files[i].Content, ct);
        var names = Enumerable.Range(0, files.Count).Select(i => i.ToString(CultureInfo.InvariantCulture));
        var output = await GitProcess.RunAsync(content, null, ct, [gitDir, "hash-object", "-w", "--no-filters", "--", .. names]);
        var hashes = output.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        if (hashes.Length != files.Count) throw new InvalidOperationException($"git hash-object gave {hashes.Length} ids for {files.Count} files.");
        return hashes;
    }

    /// <summary>Creates the branch only if it does not exist (an empty old value): code a team pushed is never replaced.</summary>
    private static async Task UpdateBranchAsync(string work, string gitDir, string branch, string commit, CancellationToken ct)
    {
        try
        {
            // update-ref runs no receive hooks, but git 2.28+ runs reference-transaction; no hook of any kind may run here.
            await GitProcess.RunAsync(work, null, ct, gitDir, "-c", "core.hooksPath=/dev/null", "update-ref", "-m", "JugendLab starter", $"refs/heads/{branch}", commit, "");
        }
        catch (GitFailedException)
        {
            throw DomainException.Conflict(
                $"Im Branch «{branch}» liegt schon Code. Die Vorlage wird nur in ein leeres Projekt geschrieben.",
                $"The branch \"{branch}\" already has code. A template is only written into an empty project.");
        }
    }

    private Dictionary<string, string> Author()
    {
        var date = $"@{time.GetUtcNow().ToUnixTimeSeconds()} +0000";
        return new()
        {
            ["GIT_AUTHOR_NAME"] = AuthorName, ["GIT_AUTHOR_EMAIL"] = AuthorEmail, ["GIT_AUTHOR_DATE"] = date,
            ["GIT_COMMITTER_NAME"] = AuthorName, ["GIT_COMMITTER_EMAIL"] = AuthorEmail, ["GIT_COMMITTER_DATE"] = date,
        };
    }

    public static string Message(Starter starter) =>
        $"Start mit der Vorlage «{starter.TitleDe}»\n\nStarted from the \"{starter.TitleEn}\" template.";
}
