using System.Diagnostics;

namespace JugendLab.Orchestrator.Runtime;

/// <summary>One program and its arguments, run without a shell (so no file name is ever read as shell syntax).</summary>
public sealed record CommandLine(string Program, IReadOnlyList<string> Arguments)
{
    public CommandLine(string program, params string[] arguments) : this(program, (IReadOnlyList<string>)arguments) { }

    public override string ToString() => $"{Program} {string.Join(' ', Arguments)}";
}

/// <summary>How a host command ended; <see cref="Said"/> is its output for a log line or an error message.</summary>
public sealed record CommandResult(int ExitCode, string Stdout, string Stderr)
{
    public bool Succeeded => ExitCode == 0;
    public string Said => (Stderr + Stdout).Trim() is { Length: > 0 } said ? said : $"exit code {ExitCode}";
}

/// <summary>Runs the host's own tools (iptables, losetup, mkfs.ext4) for the firewall and the /data images, in one place.</summary>
internal static class HostCommand
{
    /// <summary>Runs <paramref name="command"/> to its end, feeding it <paramref name="stdin"/> if given.
    /// Throws <see cref="System.ComponentModel.Win32Exception"/> when the program is not installed.</summary>
    public static async Task<CommandResult> RunAsync(CommandLine command, CancellationToken ct, string? stdin = null)
    {
        var start = new ProcessStartInfo(command.Program)
        {
            RedirectStandardOutput = true, RedirectStandardError = true, RedirectStandardInput = true,
        };
        foreach (var argument in command.Arguments) start.ArgumentList.Add(argument);
        using var process = Process.Start(start)!;
        if (stdin is not null) await process.StandardInput.WriteAsync(stdin.AsMemory(), ct);
        process.StandardInput.Close();
        var stdout = process.StandardOutput.ReadToEndAsync(ct);
        var stderr = process.StandardError.ReadToEndAsync(ct);
        await process.WaitForExitAsync(ct);
        return new CommandResult(process.ExitCode, await stdout, await stderr);
    }
}
