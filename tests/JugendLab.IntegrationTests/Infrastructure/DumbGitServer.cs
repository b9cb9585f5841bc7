using System.Diagnostics;
using System.Net;
using System.Net.Sockets;

namespace JugendLab.IntegrationTests.Infrastructure;

/// <summary>A public git repository on loopback, served by python's http.server (git's "dumb" protocol), to deploy from a URL.</summary>
public sealed class DumbGitServer : IAsyncDisposable
{
    private readonly Process _process;
    private readonly string _root;

    private DumbGitServer(Process process, string root, string url)
    {
        _process = process;
        _root = root;
        Url = url;
    }

    public string Url { get; }

    public static async Task<DumbGitServer> StartAsync(GitRepo source)
    {
        var root = Directory.CreateTempSubdirectory("jl-it-public-").FullName;
        var bare = Path.Combine(root, "app.git");
        await GitRepo.RunAsync(root, TimeSpan.FromMinutes(1), "clone", "-q", "--bare", source.Path, bare);
        await GitRepo.RunAsync(bare, TimeSpan.FromMinutes(1), "update-server-info");
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        var process = Process.Start(new ProcessStartInfo("python3", $"-m http.server {port} --bind 127.0.0.1 --directory {root}")
        {
            RedirectStandardOutput = true, RedirectStandardError = true,
        })!;
        var url = $"http://127.0.0.1:{port}/app.git";
        using var client = new HttpClient();
        await PlatformFixture.WaitUntilAsync(async () =>
        {
            try { return (await client.GetAsync(url + "/info/refs")).IsSuccessStatusCode; }
            catch (HttpRequestException) { return false; }
        }, TimeSpan.FromSeconds(15), "python http.server to serve the repository");
        return new DumbGitServer(process, root, url);
    }

    public ValueTask DisposeAsync()
    {
        _process.Kill(entireProcessTree: true);
        _process.Dispose();
        Directory.Delete(_root, recursive: true);
        return ValueTask.CompletedTask;
    }
}
