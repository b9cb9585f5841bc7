using System.Diagnostics;

namespace JugendLab.Orchestrator.Deployments;

/// <summary>Runs the real git client. Nothing here is reimplemented: the platform shells out to git.</summary>
internal static class GitProcess
{
    private static readonly string[] ProxyVariables = ["http_proxy", "https_proxy", "no_proxy", "HTTP_PROXY", "HTTPS_PROXY", "NO_PROXY"];

    public static ProcessStartInfo Start(string? workingDirectory, IReadOnlyDictionary<string, string>? environment, params string[] args)
    {
        var start = new ProcessStartInfo("git")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
            UseShellExecute = false,
        };
        if (workingDirectory is not null) start.WorkingDirectory = workingDirectory;
        foreach (var a in args) start.ArgumentList.Add(a);
        // A cleared environment: the platform's own variables (secrets, GIT_* set for the hook) never reach git, and no
        // system or user git configuration changes what a clone or an archive does. Only a proxy the box needs stays.
        var proxies = ProxyVariables.Where(v => System.Environment.GetEnvironmentVariable(v) is not null)
            .ToDictionary(v => v, v => System.Environment.GetEnvironmentVariable(v)!);
        start.Environment.Clear();
        foreach (var (name, value) in proxies) start.Environment[name] = value;
        start.Environment["PATH"] = "/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin";
        start.Environment["HOME"] = "/nonexistent";
        start.Environment["GIT_TERMINAL_PROMPT"] = "0";
        start.Environment["GIT_CONFIG_NOSYSTEM"] = "1";
        start.Environment["GIT_CONFIG_GLOBAL"] = "/dev/null";
        start.Environment["LANG"] = "C.UTF-8";
        if (environment is not null)
            foreach (var (key, value) in environment) start.Environment[key] = value;
        return start;
    }

    /// <summary>Runs git to the end and returns its stdout; throws with git's stderr when it fails.</summary>
    public static async Task<string> RunAsync(string? workingDirectory, IReadOnlyDictionary<string, string>? environment, CancellationToken ct, params string[] args)
    {
        using var process = Process.Start(Start(workingDirectory, environment, args))!;
        process.StandardInput.Close();
        try
        {
            var stdout = process.StandardOutput.ReadToEndAsync(ct);
            var stderr = process.StandardError.ReadToEndAsync(ct);
            await process.WaitForExitAsync(ct);
            if (process.ExitCode != 0) throw new GitFailedException((await stderr).Trim());
            return (await stdout).Trim();
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw;
        }
    }
}

/// <summary>git exited non-zero; the message is git's own.</summary>
internal sealed class GitFailedException(string message) : Exception(message);
