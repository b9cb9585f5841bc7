using System.Net;
using System.Net.Http.Headers;
using System.Net.Sockets;
using System.Security.Cryptography;
using System.Text;
using JugendLab.Web.Git;

namespace JugendLab.Tests.Git;

/// <summary>The push size limit, and the two ways a git child could outlive its request (see FACTS.md, "Danger").</summary>
public sealed class GitHttpBackendLimitTests : IAsyncLifetime
{
    private const string Repository = "team/app.git";
    private const long TwoMegabytes = 2 * 1024 * 1024;

    private GitTestServer _server = null!;

    public async Task InitializeAsync()
    {
        _server = await GitTestServer.StartAsync(maxRequestBodyBytes: TwoMegabytes);
        await _server.CreateBareRepositoryAsync(Repository);
    }

    public async Task DisposeAsync() => await _server.DisposeAsync();

    [Fact]
    public async Task Push_OverSizeLimit_IsRefusedWithTheLimitNamed()
    {
        // Random bytes do not compress: the pack is over 1 MiB, so git sends it chunked, without a Content-Length.
        var work = await _server.CreateWorkingCopyAsync(
            "work", new Dictionary<string, byte[]> { ["video.bin"] = RandomNumberGenerator.GetBytes(3 * 1024 * 1024) });

        var result = await GitClient.RunAsync(work, "push", _server.Url(Repository), "main");

        Assert.NotEqual(0, result.ExitCode);
        Assert.Contains("remote: push refused: it is larger than the limit of 2 MB per push", result.Error);
        Assert.False(await BranchExistsAsync());
        Assert.Empty(_server.BackendProcesses());
    }

    [Fact]
    public async Task Push_UnderSizeLimit_Lands()
    {
        var work = await _server.CreateWorkingCopyAsync(
            "work", new Dictionary<string, byte[]> { ["photo.bin"] = RandomNumberGenerator.GetBytes(1536 * 1024) });

        var result = await GitClient.RunAsync(work, "push", _server.Url(Repository), "main");

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.True(await BranchExistsAsync());
    }

    [Fact]
    public async Task Push_OverKestrelsDefaultBodyLimit_LandsWhenOurLimitAllowsIt()
    {
        // Kestrel's own default is 30,000,000 bytes; left in place it breaks this push with "Everything up-to-date".
        await using var server = await GitTestServer.StartAsync(maxRequestBodyBytes: 64 * 1024 * 1024);
        await server.CreateBareRepositoryAsync(Repository);
        var work = await server.CreateWorkingCopyAsync(
            "work", new Dictionary<string, byte[]> { ["film.bin"] = RandomNumberGenerator.GetBytes(32 * 1024 * 1024) });

        var result = await GitClient.RunAsync(work, "push", server.Url(Repository), "main");

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Contains("main -> main", result.Error);
    }

    [Fact]
    public async Task Post_ContentLengthOverLimit_IsAnsweredWithASidebandError()
    {
        using var client = CreateClient();
        using var body = new ByteArrayContent(new byte[TwoMegabytes + 1]);
        body.Headers.ContentType = new MediaTypeHeaderValue("application/x-git-receive-pack-request");

        using var response = await client.PostAsync($"/git/{Repository}/git-receive-pack", body);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(GitSideband.ReceivePackResultContentType, response.Content.Headers.ContentType?.MediaType);
        Assert.Equal(
            GitSideband.ErrorPacket("push refused: it is larger than the limit of 2 MB per push"),
            await response.Content.ReadAsByteArrayAsync());
    }

    [Fact]
    public async Task Post_UploadPackOverLimit_Gets413()
    {
        using var client = CreateClient();
        using var body = new ByteArrayContent(new byte[TwoMegabytes + 1]);
        body.Headers.ContentType = new MediaTypeHeaderValue("application/x-git-upload-pack-request");

        using var response = await client.PostAsync($"/git/{Repository}/git-upload-pack", body);

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
        Assert.Contains("2 MB", await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task Post_BodyEndsEarly_LeavesNoBackendRunning()
    {
        using var socket = new TcpClient();
        await socket.ConnectAsync(IPAddress.Loopback, _server.Port);
        var stream = socket.GetStream();
        var credentials = Convert.ToBase64String(Encoding.UTF8.GetBytes($"{GitTestServer.User}:{GitTestServer.Password}"));
        await stream.WriteAsync(Encoding.ASCII.GetBytes(
            $"POST /git/{Repository}/git-receive-pack HTTP/1.1\r\nHost: 127.0.0.1\r\n" +
            $"Authorization: Basic {credentials}\r\nContent-Type: application/x-git-receive-pack-request\r\n" +
            "Content-Length: 100000\r\n\r\n0000"));
        Assert.True(await WaitUntilAsync(() => _server.BackendProcesses().Count > 0), "git http-backend never started");

        socket.Close();

        Assert.True(
            await WaitUntilAsync(() => _server.BackendProcesses().Count == 0),
            $"still running: {string.Join(", ", _server.BackendProcesses())}");
    }

    [Fact]
    public async Task Push_PusherDisconnectsDuringHook_StopsTheHook()
    {
        var marker = Path.Combine(_server.WorkRoot, "hook-finished");
        _server.InstallPreReceiveHook(Repository, $"echo 'build started'\nsleep 30\ntouch '{marker}'");
        var work = await _server.CreateWorkingCopyAsync("work", new Dictionary<string, byte[]> { ["a.txt"] = [1, 2, 3] });
        await using var push = GitClient.Start(work, ["push", _server.Url(Repository), "main"]);
        Assert.True(
            await push.WaitForErrorLineAsync(l => l.Contains("remote: build started"), TimeSpan.FromSeconds(20)),
            "the hook never started");

        push.Kill();

        Assert.True(
            await WaitUntilAsync(() => _server.BackendProcesses().Count == 0),
            $"still running: {string.Join(", ", _server.BackendProcesses())}");
        Assert.False(File.Exists(marker));
        Assert.False(await BranchExistsAsync());
    }

    private HttpClient CreateClient()
    {
        var client = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{_server.Port}") };
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue(
            "Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes($"{GitTestServer.User}:{GitTestServer.Password}")));
        return client;
    }

    private async Task<bool> BranchExistsAsync()
    {
        var result = await GitClient.RunAsync(
            _server.BareRepositoryPath(Repository), "rev-parse", "--verify", "-q", "refs/heads/main");
        return result.ExitCode == 0;
    }

    private static async Task<bool> WaitUntilAsync(Func<bool> condition)
    {
        for (var waited = TimeSpan.Zero; waited < TimeSpan.FromSeconds(10); waited += TimeSpan.FromMilliseconds(100))
        {
            if (condition())
            {
                return true;
            }

            await Task.Delay(100);
        }

        return condition();
    }
}
