using System.Diagnostics;

namespace JugendLab.Tests.Git;

/// <summary>One line of git's stderr and when it arrived, counted from the start of the command.</summary>
internal sealed record TimedLine(TimeSpan At, string Text);

/// <summary>The outcome of one git command.</summary>
internal sealed record GitResult(int ExitCode, string Output, IReadOnlyList<TimedLine> ErrorLines)
{
    public string Error => string.Join('\n', ErrorLines.Select(l => l.Text));

    public override string ToString() => $"exit {ExitCode}\n--- stdout\n{Output}\n--- stderr\n{Error}";
}

/// <summary>A running git client whose stderr lines are timestamped as they arrive.</summary>
internal sealed class GitProcess : IAsyncDisposable
{
    private readonly Process _process;
    private readonly Stopwatch _clock = Stopwatch.StartNew();
    private readonly List<TimedLine> _errorLines = [];
    private readonly Task<string> _output;
    private readonly Task _error;

    public GitProcess(Process process)
    {
        _process = process;
        _output = process.StandardOutput.ReadToEndAsync();
        _error = Task.Run(async () =>
        {
            // git ends progress lines with \r; ReadLine splits on it too, so each update is its own line.
            while (await process.StandardError.ReadLineAsync() is { } line)
            {
                lock (_errorLines)
                {
                    _errorLines.Add(new TimedLine(_clock.Elapsed, line));
                }
            }
        });
    }

    public async Task<GitResult> WaitAsync(TimeSpan timeout)
    {
        using var cts = new CancellationTokenSource(timeout);
        try
        {
            await _process.WaitForExitAsync(cts.Token);
        }
        catch (OperationCanceledException)
        {
            Kill();
            throw new TimeoutException($"git did not finish within {timeout}:\n{Snapshot()}");
        }

        await Task.WhenAll(_output, _error);
        return new GitResult(_process.ExitCode, await _output, Snapshot());
    }

    /// <summary>Waits until a stderr line matches; false when the timeout passes first.</summary>
    public async Task<bool> WaitForErrorLineAsync(Func<string, bool> match, TimeSpan timeout)
    {
        var deadline = _clock.Elapsed + timeout;
        while (_clock.Elapsed < deadline)
        {
            if (Snapshot().Any(l => match(l.Text)))
            {
                return true;
            }

            await Task.Delay(50);
        }

        return false;
    }

    /// <summary>Kills git and its helpers (git-remote-http holds the connection), as a pusher's Ctrl-C would.</summary>
    public void Kill()
    {
        try
        {
            _process.Kill(entireProcessTree: true);
        }
        catch (InvalidOperationException)
        {
        }
    }

    public IReadOnlyList<TimedLine> Snapshot()
    {
        lock (_errorLines)
        {
            return [.. _errorLines];
        }
    }

    public async ValueTask DisposeAsync()
    {
        Kill();
        await _process.WaitForExitAsync();
        _process.Dispose();
    }
}

/// <summary>Runs the real git client with a clean environment: no prompts, no user or system configuration.</summary>
internal static class GitClient
{
    private static readonly TimeSpan DefaultTimeout = TimeSpan.FromSeconds(120);

    private static readonly string Home =
        Directory.CreateDirectory(Path.Combine(Path.GetTempPath(), "jugendlab-git-client-home")).FullName;

    public static async Task<GitResult> RunAsync(string workingDirectory, params string[] arguments)
    {
        await using var git = Start(workingDirectory, arguments);
        return await git.WaitAsync(DefaultTimeout);
    }

    /// <summary>Runs git feeding it the given standard input (e.g. a fast-import stream).</summary>
    public static async Task<GitResult> RunWithInputAsync(string workingDirectory, Stream input, params string[] arguments)
    {
        await using var git = Start(workingDirectory, arguments, input);
        return await git.WaitAsync(DefaultTimeout);
    }

    public static GitProcess Start(string workingDirectory, IEnumerable<string> arguments, Stream? input = null)
    {
        var startInfo = new ProcessStartInfo("git")
        {
            WorkingDirectory = workingDirectory,
            UseShellExecute = false,
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        foreach (var argument in arguments)
        {
            startInfo.ArgumentList.Add(argument);
        }

        var environment = startInfo.Environment;
        environment.Clear();
        environment["PATH"] = Environment.GetEnvironmentVariable("PATH") ?? "/usr/bin:/bin";
        environment["HOME"] = Home;
        environment["LANG"] = "C.UTF-8";
        environment["GIT_TERMINAL_PROMPT"] = "0";
        environment["GIT_CONFIG_NOSYSTEM"] = "1";
        environment["GIT_AUTHOR_NAME"] = environment["GIT_COMMITTER_NAME"] = "Test Team";
        environment["GIT_AUTHOR_EMAIL"] = environment["GIT_COMMITTER_EMAIL"] = "team@example.org";

        var process = Process.Start(startInfo)!;
        var git = new GitProcess(process);
        _ = FeedAsync(process, input);
        return git;
    }

    private static async Task FeedAsync(Process process, Stream? input)
    {
        try
        {
            if (input is not null)
            {
                await input.CopyToAsync(process.StandardInput.BaseStream);
            }

            process.StandardInput.Close();
        }
        catch (IOException)
        {
        }
    }
}
