using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Reflection;
using System.Text;
using JugendLab.Orchestrator.Configuration;
using JugendLab.Orchestrator.Deployments;
using JugendLab.Orchestrator.Runtime;
using Microsoft.Extensions.Options;

namespace JugendLab.Tests.Deployments;

/// <summary>
/// The probe asks the app every 20 ms and the engine (is it still running?) now and then. The engine is a fake here:
/// only a fake can be made slow on purpose. The app is a real listener on loopback.
/// </summary>
public sealed class ReadinessProbeTests
{
    private static readonly TimeSpan SlowEngine = TimeSpan.FromSeconds(10);

    [Fact]
    public async Task AnAppThatAnswers_WhileTheEngineIsSlowToSayItRuns_IsSeenWithoutWaitingForTheEngine()
    {
        var port = FreePort();
        var engine = Engine(running: true, answerAfter: SlowEngine);
        var probe = Probe(engine, port);
        using var app = new CancellationTokenSource();
        // The app starts listening once the probe has asked the engine (it does after 250 ms without an answer), while
        // the engine's answer is still 10 s away.
        var serving = ServeAfterAsync(port, ((FakeEngine)(object)engine).Asked.Task, app.Token);

        var clock = Stopwatch.StartNew();
        var answered = await probe.AnswersWithinAsync(Container(), TimeSpan.FromSeconds(30), CancellationToken.None);
        clock.Stop();
        await app.CancelAsync();
        await serving;

        Assert.True(answered);
        Assert.True(clock.Elapsed < SlowEngine / 2,
            $"the probe saw the app after {clock.Elapsed.TotalSeconds:0.0} s: it waited for the engine ({SlowEngine.TotalSeconds:0} s)");
    }

    [Fact]
    public async Task AnAppThatStopped_IsReportedAsNotAnswering_WhenTheEngineSaysSo()
    {
        var engine = Engine(running: false, answerAfter: TimeSpan.Zero);
        var probe = Probe(engine, FreePort()); // nothing listens there

        var clock = Stopwatch.StartNew();
        var answered = await probe.AnswersWithinAsync(Container(), TimeSpan.FromSeconds(30), CancellationToken.None);

        Assert.False(answered);
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(10), $"took {clock.Elapsed.TotalSeconds:0.0} s to notice the stop");
    }

    private static ReadinessProbe Probe(IContainerRuntime engine, int port)
    {
        var runtime = Options.Create(new RuntimeOptions { AppPort = port });
        var sandbox = new Sandbox(runtime, new ResourceNames(Options.Create(new OrchestratorOptions { Instance = "test" })));
        return new ReadinessProbe(engine, sandbox, runtime, TimeProvider.System);
    }

    private static ManagedContainer Container(bool running = true) =>
        new("id", "jl-test-app-1", "image", 1, 1, 1, running, false, 0, false, 0, "127.0.0.1");

    private static IContainerRuntime Engine(bool running, TimeSpan answerAfter)
    {
        var engine = DispatchProxy.Create<IContainerRuntime, FakeEngine>();
        ((FakeEngine)(object)engine).Answer = async () =>
        {
            await Task.Delay(answerAfter);
            return Container(running);
        };
        return engine;
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    /// <summary>A tiny HTTP server that starts listening only once <paramref name="start"/> is done, like an app booting.</summary>
    private static async Task ServeAfterAsync(int port, Task start, CancellationToken ct)
    {
        await start.WaitAsync(TimeSpan.FromSeconds(30), CancellationToken.None);
        using var listener = new TcpListener(IPAddress.Loopback, port);
        listener.Start();
        var answer = Encoding.ASCII.GetBytes("HTTP/1.1 200 OK\r\nContent-Length: 2\r\nConnection: close\r\n\r\nok");
        try
        {
            while (!ct.IsCancellationRequested)
            {
                using var client = await listener.AcceptTcpClientAsync(ct);
                var stream = client.GetStream();
                await stream.ReadAsync(new byte[4096], ct);
                await stream.WriteAsync(answer, ct);
            }
        }
        catch (OperationCanceledException) { }
    }

    public class FakeEngine : DispatchProxy
    {
        /// <summary>Done at the probe's first question to the engine.</summary>
        public TaskCompletionSource Asked { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
        public Func<Task<ManagedContainer?>> Answer { get; set; } = () => Task.FromResult<ManagedContainer?>(null);

        protected override object? Invoke(MethodInfo? method, object?[]? args)
        {
            if (method!.Name != nameof(IContainerRuntime.InspectAsync)) throw new NotSupportedException(method.Name);
            Asked.TrySetResult();
            return Answer();
        }
    }
}
