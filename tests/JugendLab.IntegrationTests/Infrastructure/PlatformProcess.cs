using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text;

namespace JugendLab.IntegrationTests.Infrastructure;

/// <summary>The real platform (JugendLab.Web) as its own process, on a loopback port, with its own data directory and instance name.</summary>
public sealed class PlatformProcess : IAsyncDisposable
{
    private readonly StringBuilder _output = new();
    private Process? _process;
    private readonly IReadOnlyDictionary<string, string> _settings;

    /// <param name="settings">Settings on top of the tests' own (environment variable names, e.g. <c>JugendLab__Matrix__Enabled</c>).</param>
    public PlatformProcess(string dataDirectory, string instance, IReadOnlyDictionary<string, string>? settings = null)
    {
        DataDirectory = dataDirectory;
        Instance = instance;
        Port = FreePort();
        _settings = settings ?? new Dictionary<string, string>();
    }

    public string DataDirectory { get; }
    public string Instance { get; }
    public int Port { get; }
    public const string AdminPassword = "integration-admin-pw";

    public string Output { get { lock (_output) return _output.ToString(); } }

    public async Task StartAsync()
    {
        var web = PlatformAssembly();
        var start = new ProcessStartInfo("dotnet")
        {
            WorkingDirectory = Path.GetDirectoryName(web)!,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add(web);
        var env = start.Environment;
        env["Urls"] = $"http://127.0.0.1:{Port}";
        env["JUGENDLAB_ADMIN_PASSWORD"] = AdminPassword;
        env["JugendLab__Domain__PublicUrl"] = $"http://lab.localhost:{Port}";
        // As behind a reverse proxy: a test can send X-Forwarded-For to play residents at different addresses.
        env["JugendLab__SignIn__TrustedProxies__0"] = "127.0.0.1";
        env["JugendLab__Orchestrator__DataDirectory"] = DataDirectory;
        env["JugendLab__Orchestrator__Instance"] = Instance;
        env["JugendLab__Orchestrator__ReconcileInterval"] = "00:00:02";
        env["JugendLab__Runtime__DrainDelay"] = "00:00:02";
        env["JugendLab__Runtime__StopTimeout"] = "00:00:02";
        env["JugendLab__Runtime__MaxRestarts"] = "2";
        env["JugendLab__Runtime__ReadyTimeout"] = "00:00:30";
        env["JugendLab__Build__MaxPushMb"] = "5";
        env["JugendLab__Build__MaxContextMb"] = "2";
        // Storage caps small enough to reach in a test: other tests push under 5 MB per project, log well under 1 MB
        // and build images under 450 MB (the node image with its packages is the largest, about 350 MB).
        env["JugendLab__Build__MaxRepositoryMb"] = "5";
        env["JugendLab__Build__MaxLogMb"] = "1";
        env["JugendLab__Build__MaxImageMb"] = "450";
        // The engine is shared with other people's work: engine-wide pruning of dangling images and anonymous volumes
        // would remove objects this test run did not make.
        env["JugendLab__Orchestrator__PruneLeftoversAfter"] = "00:00:00";
        env["JugendLab__Build__Timeout"] = "00:00:40";
        env["JugendLab__Build__MemoryMb"] = "256";
        env["JugendLab__Build__AllowPrivateGitHosts"] = "true"; // the test's public repository is served on 127.0.0.1
        env["JugendLab__Orchestrator__PruneInterval"] = "00:00:05";
        env["JugendLab__Orchestrator__SampleInterval"] = "00:00:03";
        env["JugendLab__Build__NpmRegistry"] = NpmRegistry();
        env["JugendLab__Network__CleanupInterval"] = "00:00:03";
        foreach (var (key, value) in _settings) env[key] = value;
        _process = Process.Start(start)!;
        _process.OutputDataReceived += (_, e) => { if (e.Data is not null) lock (_output) _output.AppendLine(e.Data); };
        _process.ErrorDataReceived += (_, e) => { if (e.Data is not null) lock (_output) _output.AppendLine(e.Data); };
        _process.BeginOutputReadLine();
        _process.BeginErrorReadLine();
        await WaitUntilServingAsync();
    }

    private async Task WaitUntilServingAsync()
    {
        using var client = new HttpClient();
        var deadline = DateTime.UtcNow.AddSeconds(60);
        while (DateTime.UtcNow < deadline)
        {
            if (_process!.HasExited)
                throw new InvalidOperationException($"The platform exited with code {_process.ExitCode}:\n{Output}");
            try
            {
                using var response = await client.GetAsync($"http://127.0.0.1:{Port}/api/openapi.json");
                if (response.StatusCode == HttpStatusCode.OK) return;
            }
            catch (HttpRequestException) { }
            await Task.Delay(200);
        }
        throw new TimeoutException($"The platform did not answer within 60 s:\n{Output}");
    }

    /// <summary>Pulls the plug: SIGKILL, no shutdown, as a power cut or an OOM kill would.</summary>
    public async Task KillAsync()
    {
        if (_process is null || _process.HasExited) return;
        try { _process.Kill(entireProcessTree: true); }
        catch (InvalidOperationException) { return; } // it ended by itself in between
        await _process.WaitForExitAsync();
    }

    public async ValueTask DisposeAsync()
    {
        await KillAsync();
        _process?.Dispose();
    }

    /// <summary>JugendLab.Web.dll in its own build output (the test project builds it first, see the csproj).</summary>
    private static string PlatformAssembly()
    {
        var path = typeof(PlatformProcess).Assembly.GetCustomAttributes(typeof(System.Reflection.AssemblyMetadataAttribute), false)
            .Cast<System.Reflection.AssemblyMetadataAttribute>().Single(a => a.Key == "PlatformAssembly").Value!;
        return File.Exists(path) ? Path.GetFullPath(path)
            : throw new FileNotFoundException($"The platform is not built at {path}. Run the tests with: dotnet test JugendLab.sln (or ./jugendlab test).");
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    /// <summary>The npm registry this machine uses (a box with a local mirror must build with it).</summary>
    private static string NpmRegistry()
    {
        try
        {
            using var npm = Process.Start(new ProcessStartInfo("npm", "config get registry") { RedirectStandardOutput = true })!;
            var value = npm.StandardOutput.ReadToEnd().Trim();
            npm.WaitForExit();
            return npm.ExitCode == 0 ? value : "";
        }
        catch (System.ComponentModel.Win32Exception)
        {
            return "";
        }
    }
}
