using System.Diagnostics;

namespace JugendLab.IntegrationTests.Infrastructure;

/// <summary>A youth's working copy: files, commits, and pushes with the real git client.</summary>
public sealed class GitRepo : IDisposable
{
    private GitRepo(string path) => Path = path;

    public string Path { get; }

    public static GitRepo Create(IReadOnlyDictionary<string, string> files)
    {
        var repo = new GitRepo(Directory.CreateTempSubdirectory("jl-it-repo-").FullName);
        repo.Git("init", "-q", "-b", "main");
        repo.Commit(files, "first version");
        return repo;
    }

    public void Commit(IReadOnlyDictionary<string, string> files, string message)
    {
        foreach (var (name, content) in files)
        {
            var full = System.IO.Path.Combine(Path, name);
            Directory.CreateDirectory(System.IO.Path.GetDirectoryName(full)!);
            File.WriteAllText(full, content);
        }
        Git("add", "-A");
        Git("-c", "user.name=Mia", "-c", "user.email=mia@example.org", "commit", "-q", "--allow-empty", "-m", message);
    }

    public void Remove(string name) => Git("rm", "-q", name);

    /// <summary>Pushes and returns git's exit code and everything it printed (the remote: lines are on stderr).</summary>
    public async Task<GitResult> PushAsync(string remoteUrl, string branch = "main", TimeSpan? timeout = null)
    {
        var (code, output) = await RunAsync(Path, timeout ?? TimeSpan.FromMinutes(5), "push", remoteUrl, $"{branch}:{branch}");
        return new GitResult(code, output);
    }

    public string Git(params string[] args)
    {
        var (code, output) = RunAsync(Path, TimeSpan.FromMinutes(1), args).GetAwaiter().GetResult();
        if (code != 0) throw new InvalidOperationException($"git {string.Join(' ', args)} failed: {output}");
        return output;
    }

    public static async Task<(int Code, string Output)> RunAsync(string workingDirectory, TimeSpan timeout, params string[] args)
    {
        var start = new ProcessStartInfo("git")
        {
            WorkingDirectory = workingDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var a in args) start.ArgumentList.Add(a);
        start.Environment["GIT_TERMINAL_PROMPT"] = "0";
        start.Environment["LANG"] = "C.UTF-8";
        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        using var cts = new CancellationTokenSource(timeout);
        try
        {
            await process.WaitForExitAsync(cts.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"git {string.Join(' ', args)} took longer than {timeout}.");
        }
        return (process.ExitCode, await stdout + await stderr);
    }

    public void Dispose()
    {
        try { Directory.Delete(Path, recursive: true); } catch (IOException) { }
    }
}

public sealed record GitResult(int ExitCode, string Output)
{
    public bool Succeeded => ExitCode == 0;
    public override string ToString() => $"exit {ExitCode}:\n{Output}";

    /// <summary>Fails the test with git's whole output (the platform's "remote:" lines say why), not just "false".</summary>
    public GitResult AssertSucceeded()
    {
        Assert.True(Succeeded, ToString());
        return this;
    }
}
