using System.Threading.Channels;
using JugendLab.Orchestrator.Configuration;
using JugendLab.Orchestrator.Runtime;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace JugendLab.Orchestrator.Deployments;

/// <summary>
/// Step 7 — retire the old container: after the route switched, it drains the requests it still serves, then stops and goes.
/// Runs in the background so the pusher sees "live" without waiting; if the platform dies first, the reconciler removes the orphan.
/// </summary>
public sealed class ContainerRetirer(IContainerRuntime runtime, IOptions<RuntimeOptions> options, TimeProvider time, ILogger<ContainerRetirer> logger)
    : BackgroundService
{
    private readonly Channel<string> _queue = Channel.CreateUnbounded<string>();
    private readonly System.Collections.Concurrent.ConcurrentDictionary<string, byte> _retiring = new();

    public void Retire(string containerName)
    {
        _retiring[containerName] = 0;
        _queue.Writer.TryWrite(containerName);
    }

    /// <summary>True while a container still drains; the reconciler must not cut its last requests short.</summary>
    public bool IsRetiring(string containerName) => _retiring.ContainsKey(containerName);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        await foreach (var name in _queue.Reader.ReadAllAsync(stoppingToken))
        {
            _ = RetireAsync(name, stoppingToken);
        }
    }

    private async Task RetireAsync(string name, CancellationToken ct)
    {
        try
        {
            await Task.Delay(options.Value.DrainDelay, time, ct);
            await runtime.RemoveAsync(name, options.Value.StopTimeout, ct);
            logger.LogInformation("Retired container {Container}", name);
        }
        catch (OperationCanceledException) { }
        catch (Exception e)
        {
            logger.LogWarning(e, "Could not retire container {Container}; the reconciler will remove it", name);
        }
        finally
        {
            _retiring.TryRemove(name, out _);
        }
    }
}
