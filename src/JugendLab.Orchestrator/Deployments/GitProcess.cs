using System.Diagnostics;

namespace JugendLab.Orchestrator.Deployments;

/// <summary>Runs the real git client. Nothing here is reimplemented: the platform shells out to git.</summary>
internal static class GitProcess
{
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
        start.Environment["GIT_TERMINAL_PROMPT"] = "0";
        start.Environment["GIT_CONFIG_NOSYSTEM"] = "1";
        start.Environment["LANG"] = "C.UTF-8";
        // Variables that http-backend set for the hook must not leak into our own git calls.
        foreach (var name in new[] { "GIT_DIR", "GIT_OBJECT_DIRECTORY", "GIT_ALTERNATE_OBJECT_DIRECTORIES", "GIT_QUARANTINE_PATH" })
            start.Environment.Remove(name);
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
