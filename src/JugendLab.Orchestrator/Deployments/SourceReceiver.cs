using System.Diagnostics;
using JugendLab.Orchestrator.Configuration;
using JugendLab.Orchestrator.Errors;
using Microsoft.Extensions.Options;

namespace JugendLab.Orchestrator.Deployments;

/// <summary>Step 1 — receive the code: the pushed commit (still in quarantine) or a clone of a public git URL, as a tar.</summary>
public sealed class SourceReceiver(IOptions<BuildOptions> buildOptions, IOptions<OrchestratorOptions> options)
{
    private long MaxBytes => buildOptions.Value.MaxContextMb * 1024L * 1024L;

    public async Task<SourceSnapshot> ReceiveAsync(CodeSource source, DeployLog log, CancellationToken ct) => source switch
    {
        PushedCommit push => await ArchiveAsync(push.RepositoryPath, push.Commit, QuarantineEnvironment(push), ct),
        GitUrl url => await CloneAsync(url, log, ct),
        RepositoryBranch branch => await ArchiveAsync(branch.RepositoryPath, await NewestCommitAsync(branch, ct), null, ct),
        _ => throw new ArgumentOutOfRangeException(nameof(source)),
    };

    /// <summary>Inside pre-receive the pushed objects are still quarantined; git must be told where to look (FACTS.md).</summary>
    private static Dictionary<string, string>? QuarantineEnvironment(PushedCommit push) => push.QuarantinePath is null
        ? null
        : new()
        {
            ["GIT_OBJECT_DIRECTORY"] = push.QuarantinePath,
            ["GIT_ALTERNATE_OBJECT_DIRECTORIES"] = Path.Combine(push.RepositoryPath, "objects"),
        };

    private static async Task<string> NewestCommitAsync(RepositoryBranch source, CancellationToken ct)
    {
        try
        {
            return await GitProcess.RunAsync(source.RepositoryPath, null, ct, "rev-parse", "--verify", "--quiet", $"refs/heads/{source.Branch}^{{commit}}");
        }
        catch (GitFailedException)
        {
            throw NoCodeOnBranch(source.Branch);
        }
    }

    /// <summary>The branch has no commit yet (nothing was pushed to it).</summary>
    public static DomainException NoCodeOnBranch(string branch) => DomainException.Conflict(
        $"Im Branch «{branch}» gibt es noch keinen Code. Schick zuerst Code mit git push, oder stell in den Einstellungen den richtigen Branch ein.",
        $"The branch \"{branch}\" has no code yet. Send code with git push first, or set the right branch in the settings.");

    private async Task<SourceSnapshot> CloneAsync(GitUrl source, DeployLog log, CancellationToken ct)
    {
        GitUrlRules.Validate(source.Url);
        if (!buildOptions.Value.AllowPrivateGitHosts) await GitUrlRules.EnsurePublicHostAsync(source.Url, ct);
        var workDir = Path.Combine(Path.GetFullPath(options.Value.DataDirectory), "clones", Guid.NewGuid().ToString("n"));
        try
        {
            log.Step($"Hole {source.Url}", $"Cloning {source.Url}");
            try
            {
                using var timeout = CancellationTokenSource.CreateLinkedTokenSource(ct);
                timeout.CancelAfter(TimeSpan.FromMinutes(5));
                try
                {
                    await GitProcess.RunAsync(null, null, timeout.Token, CloneArguments(source, workDir, shallow: true));
                }
                catch (GitFailedException e) when (e.Message.Contains("shallow"))
                {
                    // Plain web servers speak git's "dumb" protocol, which cannot clone shallowly.
                    if (Directory.Exists(workDir)) Directory.Delete(workDir, recursive: true);
                    await GitProcess.RunAsync(null, null, timeout.Token, CloneArguments(source, workDir, shallow: false));
                }
            }
            catch (GitFailedException e)
            {
                throw DomainException.Invalid(
                    $"Das Repository {source.Url} liess sich nicht klonen: {e.Message}. Ist die Adresse richtig und das Repository öffentlich?",
                    $"Could not clone {source.Url}: {e.Message}. Is the address right and the repository public?");
            }
            var commit = await GitProcess.RunAsync(workDir, null, ct, "rev-parse", "HEAD");
            return await ArchiveAsync(workDir, commit, null, ct);
        }
        finally
        {
            if (Directory.Exists(workDir)) Directory.Delete(workDir, recursive: true);
        }
    }

    private static string[] CloneArguments(GitUrl source, string workDir, bool shallow)
    {
        // Only http(s), no redirects (they could point into the LAN), no submodules or other transports.
        var args = new List<string>
        {
            "-c", "protocol.allow=never", "-c", "protocol.https.allow=always", "-c", "protocol.http.allow=always",
            "-c", "http.followRedirects=false", "-c", "transfer.fsckObjects=true", "clone", "--quiet", "--no-tags", "--single-branch",
        };
        if (shallow) args.AddRange(["--depth", "1"]);
        if (source.Ref is not null) args.AddRange(["--branch", source.Ref]);
        args.AddRange(["--", source.Url, workDir]);
        return [.. args];
    }

    private async Task<SourceSnapshot> ArchiveAsync(string repository, string commit, Dictionary<string, string>? environment, CancellationToken ct)
    {
        // The commit's message is read beside the archive: each git process takes tens of ms to start on a small box.
        // Both are awaited, so neither failure goes unobserved; the archive's comes first (e.g. "too large").
        var tar = ReadArchiveAsync(repository, commit, environment, ct);
        var message = GitProcess.RunAsync(repository, environment, ct, "log", "-1", "--format=%s", commit);
        await Task.WhenAll(tar, message);
        return SourceSnapshot.FromTar(await tar, commit, await message);
    }

    private async Task<byte[]> ReadArchiveAsync(string repository, string commit, Dictionary<string, string>? environment, CancellationToken ct)
    {
        using var process = Process.Start(GitProcess.Start(repository, environment, "archive", "--format=tar", commit))!;
        process.StandardInput.Close();
        var stderr = process.StandardError.ReadToEndAsync(ct);
        var buffer = new MemoryStream();
        var chunk = new byte[81920];
        int read;
        while ((read = await process.StandardOutput.BaseStream.ReadAsync(chunk, ct)) > 0)
        {
            buffer.Write(chunk, 0, read);
            if (buffer.Length <= MaxBytes) continue;
            process.Kill(entireProcessTree: true);
            var limit = buildOptions.Value.MaxContextMb;
            throw DomainException.TooLarge(
                $"Das Projekt ist grösser als {limit} MB (Limit für den Build). Lasst grosse Dateien (Videos, node_modules, Builds) aus dem Repository, z. B. mit .gitignore.",
                $"The project is larger than {limit} MB (the build limit). Keep big files (videos, node_modules, build output) out of the repository, e.g. with .gitignore.");
        }
        await process.WaitForExitAsync(ct);
        if (process.ExitCode != 0) throw new GitFailedException((await stderr).Trim());
        return buffer.ToArray();
    }

    /// <summary>Refuses, before any deployment is recorded, a source that cannot work: a branch without code, a bad git URL.</summary>
    public async Task EnsureAvailableAsync(CodeSource source, CancellationToken ct)
    {
        switch (source)
        {
            case RepositoryBranch branch:
                await NewestCommitAsync(branch, ct);
                break;
            case GitUrl url:
                GitUrlRules.Validate(url.Url);
                if (!buildOptions.Value.AllowPrivateGitHosts) await GitUrlRules.EnsurePublicHostAsync(url.Url, ct);
                break;
        }
    }
}
