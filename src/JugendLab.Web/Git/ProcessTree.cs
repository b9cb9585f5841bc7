using System.ComponentModel;
using System.Diagnostics;

namespace JugendLab.Web.Git;

/// <summary>A started child process and everything it spawns: killed as a whole, always waited for and disposed.</summary>
/// <remarks>
/// Killing only the direct child is not enough: git http-backend runs receive-pack, which runs the pre-receive hook,
/// which runs the build. A pusher's Ctrl-C must stop all of them, or the push still lands and deploys.
/// </remarks>
public sealed class ProcessTree : IAsyncDisposable
{
    private readonly Lock _gate = new();
    private bool _killed;
    private bool _disposed;

    private ProcessTree(Process process) => Process = process;

    /// <summary>The root process; read its redirected streams, never dispose it yourself.</summary>
    public Process Process { get; }

    /// <summary>True once <see cref="Kill"/> was called, whether or not the process was still running.</summary>
    public bool WasKilled
    {
        get
        {
            lock (_gate)
            {
                return _killed;
            }
        }
    }

    /// <summary>Starts the process; throws when it cannot be started (e.g. the program is missing).</summary>
    public static ProcessTree Start(ProcessStartInfo startInfo)
    {
        var process = new Process { StartInfo = startInfo };
        try
        {
            process.Start();
        }
        catch
        {
            process.Dispose();
            throw;
        }

        return new ProcessTree(process);
    }

    /// <summary>Kills the process and all its descendants. Safe from any thread, any number of times, after exit too.</summary>
    public void Kill()
    {
        lock (_gate)
        {
            _killed = true;
            if (_disposed)
            {
                return;
            }

            try
            {
                Process.Kill(entireProcessTree: true);
            }
            catch (Exception e) when (e is InvalidOperationException or Win32Exception)
            {
                // Already exited, or exited while the tree was being walked: nothing left to kill.
            }
        }
    }

    /// <summary>Waits until the root process has exited.</summary>
    public Task WaitForExitAsync(CancellationToken cancellationToken = default) =>
        Process.WaitForExitAsync(cancellationToken);

    /// <summary>Kills the tree if it still runs, waits for the exit and releases the process.</summary>
    public async ValueTask DisposeAsync()
    {
        if (!Process.HasExited)
        {
            Kill();
        }

        await Process.WaitForExitAsync();
        lock (_gate)
        {
            _disposed = true;
            Process.Dispose();
        }
    }
}
