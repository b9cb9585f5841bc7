using JugendLab.Orchestrator.Configuration;
using JugendLab.Orchestrator.Errors;
using JugendLab.Orchestrator.Runtime;
using Microsoft.Extensions.Options;

namespace JugendLab.Orchestrator.Deployments;

/// <summary>Step 5 — wait until the new container answers HTTP on its port. Any HTTP answer counts, even a 404: the app is up.</summary>
public sealed class ReadinessProbe(IContainerRuntime runtime, Sandbox sandbox, IOptions<RuntimeOptions> options, TimeProvider time)
{
    private static readonly HttpClient Client = new(new SocketsHttpHandler
    {
        UseProxy = false,
        AllowAutoRedirect = false,
        PooledConnectionLifetime = TimeSpan.Zero,
        ConnectTimeout = TimeSpan.FromSeconds(2),
    }) { Timeout = TimeSpan.FromSeconds(5) };

    // Ask often: a refused connection costs next to nothing, and every moment between the app answering and the route
    // switching is a moment the new version could already serve (bench/run, "route changes": target under 100 ms).
    private static readonly TimeSpan AskEvery = TimeSpan.FromMilliseconds(20);

    // Whether the container still runs is a question to the engine, which costs more: asked less often.
    private static readonly TimeSpan CheckRunningEvery = TimeSpan.FromMilliseconds(250);

    public async Task WaitAsync(ManagedContainer container, DeployLog log, CancellationToken ct)
    {
        var limit = options.Value.ReadyTimeout;
        var (answered, now) = await PollAsync(container, limit, ct);
        if (answered) return;
        if (now is null || !now.Running)
        {
            var lastLines = await runtime.TailLogsAsync(container.Name, 30, ct);
            if (now?.OomKilled == true)
                throw DomainException.Invalid(
                    $"Die App hat beim Start mehr Arbeitsspeicher gebraucht, als ihre Quota erlaubt, und wurde beendet. Letzte Ausgabe:\n{lastLines}",
                    $"The app needed more memory than its quota allows while starting and was stopped. Last output:\n{lastLines}");
            throw DomainException.Invalid(
                $"Die App hat sich beim Start beendet (Exit-Code {now?.ExitCode}). Letzte Ausgabe:\n{lastLines}",
                $"The app exited while starting (exit code {now?.ExitCode}). Last output:\n{lastLines}");
        }
        var tail = await runtime.TailLogsAsync(container.Name, 30, ct);
        throw DomainException.Invalid(
            $"Die App antwortet nach {limit.TotalSeconds:0} Sekunden nicht auf Port {options.Value.AppPort}. Hört sie auf 0.0.0.0 und dem Port aus der Variable PORT? Letzte Ausgabe:\n{tail}",
            $"The app does not answer on port {options.Value.AppPort} after {limit.TotalSeconds:0} seconds. Does it listen on 0.0.0.0 and the port from the PORT variable? Last output:\n{tail}");
    }

    /// <summary>
    /// For a container started outside a deploy (a project started again): true once it answers, false when it
    /// stopped or did not answer within <paramref name="limit"/>. Nothing is thrown: what happens to an app that does
    /// not come up is the reconciler's business (restarts, then Crashed).
    /// </summary>
    public async Task<bool> AnswersWithinAsync(ManagedContainer container, TimeSpan limit, CancellationToken ct) =>
        (await PollAsync(container, limit, ct)).Answered;

    /// <summary>
    /// Asks the app until it answers, it stops running (then the engine's last view of it), or time runs out. The engine
    /// is asked beside the app, never in between: a busy engine can take hundreds of milliseconds to answer, and the app
    /// may answer meanwhile (its route then switches that much sooner).
    /// </summary>
    private async Task<(bool Answered, ManagedContainer? Now)> PollAsync(ManagedContainer container, TimeSpan limit, CancellationToken ct)
    {
        var deadline = time.GetUtcNow() + limit;
        var address = sandbox.Address(container);
        var lastCheck = time.GetUtcNow();
        ManagedContainer? now = container;
        Task<ManagedContainer?>? check = null;
        try
        {
            while (time.GetUtcNow() < deadline)
            {
                try
                {
                    using var response = await Client.GetAsync(address, HttpCompletionOption.ResponseHeadersRead, ct);
                    return (true, now);
                }
                catch (HttpRequestException) { }
                catch (TaskCanceledException) when (!ct.IsCancellationRequested) { }

                if (check is { IsCompleted: true })
                {
                    now = await check;
                    check = null;
                    if (now is null || !now.Running) return (false, now);
                }
                if (check is null && time.GetUtcNow() - lastCheck >= CheckRunningEvery)
                {
                    lastCheck = time.GetUtcNow();
                    check = runtime.InspectAsync(container.Name, ct);
                }
                await Task.Delay(AskEvery, time, ct);
            }
            return (false, check is null ? now : await check);
        }
        finally
        {
            // An engine question still open when the app answered: its answer (or error) is no longer needed.
            check?.ContinueWith(static t => _ = t.Exception, TaskContinuationOptions.OnlyOnFaulted | TaskContinuationOptions.ExecuteSynchronously);
        }
    }
}
