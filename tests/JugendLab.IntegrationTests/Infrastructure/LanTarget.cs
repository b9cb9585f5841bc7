using System.Diagnostics;
using System.Net.Sockets;

namespace JugendLab.IntegrationTests.Infrastructure;

/// <summary>
/// A stand-in for a machine on the server's LAN, made by the test and only by it: a network namespace behind a veth pair
/// with a private address, listening on a web port and on the mail port. Never aim a test at any other private address.
/// </summary>
public sealed class LanTarget : IAsyncDisposable
{
    public const int WebPort = 8000;
    public const int SmtpPort = 25;
    private readonly string _namespace;
    private readonly List<Process> _listeners = [];

    private LanTarget(string ns, string address)
    {
        _namespace = ns;
        Address = address;
    }

    /// <summary>The target's private address (10.213.x.2), reachable from the host through the veth pair.</summary>
    public string Address { get; }

    public static async Task<LanTarget> StartAsync()
    {
        var suffix = Guid.NewGuid().ToString("n")[..6];
        // A random /30 inside 10.213.0.0/16, so two runs on one machine do not collide; "jlt-" is not matched by "jl-+".
        var third = Random.Shared.Next(0, 256);
        var (ns, host, inside) = ($"jltest-{suffix}", $"jlt-h{suffix}", $"jlt-n{suffix}");
        var target = new LanTarget(ns, $"10.213.{third}.2");
        try
        {
            await RunAsync("ip", "netns", "add", ns);
            await RunAsync("ip", "link", "add", host, "type", "veth", "peer", "name", inside);
            await RunAsync("ip", "link", "set", inside, "netns", ns);
            await RunAsync("ip", "addr", "add", $"10.213.{third}.1/30", "dev", host);
            await RunAsync("ip", "link", "set", host, "up");
            await RunAsync("ip", "netns", "exec", ns, "ip", "addr", "add", $"10.213.{third}.2/30", "dev", inside);
            await RunAsync("ip", "netns", "exec", ns, "ip", "link", "set", inside, "up");
            await RunAsync("ip", "netns", "exec", ns, "ip", "link", "set", "lo", "up");
            foreach (var port in new[] { WebPort, SmtpPort })
                target._listeners.Add(Process.Start(new ProcessStartInfo("ip", ["netns", "exec", ns, "python3", "-m", "http.server", port.ToString(), "--bind", target.Address])
                    { RedirectStandardOutput = true, RedirectStandardError = true })!);
            await WaitUntilReachableFromHostAsync(target.Address);
            return target;
        }
        catch
        {
            await target.DisposeAsync();
            throw;
        }
    }

    /// <summary>Whether the host itself can open a TCP connection to the target: the control that makes a refusal from a container mean something.</summary>
    public Task<bool> HostCanConnectAsync(int port) => CanConnectAsync(Address, port);

    private static async Task<bool> CanConnectAsync(string address, int port)
    {
        using var client = new TcpClient();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(3));
        try
        {
            await client.ConnectAsync(address, port, timeout.Token);
            return true;
        }
        catch (Exception e) when (e is SocketException or OperationCanceledException) { return false; }
    }

    private static Task WaitUntilReachableFromHostAsync(string address) =>
        PlatformFixture.WaitUntilAsync(async () => await CanConnectAsync(address, WebPort) && await CanConnectAsync(address, SmtpPort),
            TimeSpan.FromSeconds(15), $"the test's LAN target {address} to listen");

    public async ValueTask DisposeAsync()
    {
        foreach (var listener in _listeners)
        {
            try { listener.Kill(entireProcessTree: true); } catch (InvalidOperationException) { }
            await listener.WaitForExitAsync();
            listener.Dispose();
        }
        // Deleting the namespace deletes its end of the veth pair, and with it the host's end.
        await RunAsync("ip", "netns", "del", _namespace);
    }

    private static async Task RunAsync(params string[] command)
    {
        using var process = Process.Start(new ProcessStartInfo(command[0], command[1..]) { RedirectStandardError = true, RedirectStandardOutput = true })!;
        var stderr = await process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        if (process.ExitCode != 0) throw new InvalidOperationException($"{string.Join(' ', command)} failed: {stderr}");
    }
}
