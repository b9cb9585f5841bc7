using System.Text;

namespace JugendLab.Tests.Git;

/// <summary>Pushing through GitHttpBackend with the real git client, and what a pre-receive hook can do to a push.</summary>
public sealed class GitHttpBackendPushTests : IAsyncLifetime
{
    private const string Repository = "team/app.git";
    private static readonly Dictionary<string, byte[]> OneFile = new() { ["README.md"] = "Hallo Welt\n"u8.ToArray() };

    private GitTestServer _server = null!;

    public async Task InitializeAsync()
    {
        _server = await GitTestServer.StartAsync(
            environment: new Dictionary<string, string> { ["JUGENDLAB_BUILD_TOKEN"] = "token-4711" });
        await _server.CreateBareRepositoryAsync(Repository);
    }

    public async Task DisposeAsync() => await _server.DisposeAsync();

    [Fact]
    public async Task Push_ThenClone_RoundTripsTheCommit()
    {
        var work = await _server.CreateWorkingCopyAsync("work", OneFile);
        var pushed = await GitTestServer.RunOkAsync(work, "rev-parse", "HEAD");

        await GitTestServer.RunOkAsync(work, "push", _server.Url(Repository), "main");
        await GitTestServer.RunOkAsync(_server.WorkRoot, "clone", "-q", _server.Url(Repository), "copy");

        var copy = Path.Combine(_server.WorkRoot, "copy");
        Assert.Equal(pushed, await GitTestServer.RunOkAsync(copy, "rev-parse", "HEAD"));
        Assert.Equal("Hallo Welt\n", await File.ReadAllTextAsync(Path.Combine(copy, "README.md")));
    }

    [Fact]
    public async Task Push_WithoutCredentials_GetsAskedForThem()
    {
        var work = await _server.CreateWorkingCopyAsync("work", OneFile);

        var result = await GitClient.RunAsync(work, "push", _server.Url(Repository, withCredentials: false), "main");

        Assert.NotEqual(0, result.ExitCode);
        Assert.Contains("could not read Username", result.Error);
        Assert.Contains(_server.Requests, r => r.StatusCode == 401);
    }

    [Fact]
    public async Task Push_PreReceiveHookOutput_ReachesPusherAsRemoteLines()
    {
        _server.InstallPreReceiveHook(Repository, "echo '-----> Building app'\necho 'warning on stderr' >&2");
        var work = await _server.CreateWorkingCopyAsync("work", OneFile);

        var result = await GitClient.RunAsync(work, "push", _server.Url(Repository), "main");

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Contains("remote: -----> Building app", result.Error);
        Assert.Contains("remote: warning on stderr", result.Error);
    }

    [Fact]
    public async Task Push_PreReceiveHookOutput_StreamsLive()
    {
        _server.InstallPreReceiveHook(Repository, "echo 'build started'\nsleep 3\necho 'build finished'");
        var work = await _server.CreateWorkingCopyAsync("work", OneFile);

        var result = await GitClient.RunAsync(work, "push", "--progress", _server.Url(Repository), "main");

        Assert.True(result.ExitCode == 0, result.ToString());
        var started = result.ErrorLines.Single(l => l.Text.Contains("remote: build started"));
        var finished = result.ErrorLines.Single(l => l.Text.Contains("remote: build finished"));
        Assert.True(
            finished.At - started.At >= TimeSpan.FromSeconds(2),
            $"the first line arrived at {started.At}, only {finished.At - started.At} before the hook ended");
    }

    [Fact]
    public async Task Push_HookExitNonZero_RejectsPush()
    {
        _server.InstallPreReceiveHook(Repository, "echo 'build failed' >&2\nexit 1");
        var work = await _server.CreateWorkingCopyAsync("work", OneFile);

        var result = await GitClient.RunAsync(work, "push", _server.Url(Repository), "main");

        Assert.NotEqual(0, result.ExitCode);
        Assert.Contains("remote: build failed", result.Error);
        Assert.Contains("pre-receive hook declined", result.Error);
        var branch = await GitClient.RunAsync(_server.BareRepositoryPath(Repository), "rev-parse", "--verify", "-q", "refs/heads/main");
        Assert.NotEqual(0, branch.ExitCode);
    }

    [Fact]
    public async Task Push_HookSeesExtraEnvironment()
    {
        _server.InstallPreReceiveHook(Repository, "echo \"token=$JUGENDLAB_BUILD_TOKEN\"");
        var work = await _server.CreateWorkingCopyAsync("work", OneFile);

        var result = await GitClient.RunAsync(work, "push", _server.Url(Repository), "main");

        Assert.Contains("remote: token=token-4711", result.Error);
    }

    [Fact]
    public async Task Push_HookSeesThePusherAsRemoteUser()
    {
        _server.InstallPreReceiveHook(Repository, "echo \"user=$REMOTE_USER\"");
        var work = await _server.CreateWorkingCopyAsync("work", OneFile);

        var result = await GitClient.RunAsync(work, "push", _server.Url(Repository), "main");

        Assert.Contains($"remote: user={GitTestServer.User}", result.Error);
    }

    [Fact]
    public async Task Push_HookDoesNotSeeTheServersEnvironment()
    {
        Environment.SetEnvironmentVariable("JUGENDLAB_TEST_SERVER_SECRET", "do-not-leak");
        _server.InstallPreReceiveHook(Repository, "env | sort | sed 's/^/env: /'");
        var work = await _server.CreateWorkingCopyAsync("work", OneFile);

        var result = await GitClient.RunAsync(work, "push", _server.Url(Repository), "main");

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Contains("remote: env: GIT_PROJECT_ROOT=", result.Error);
        Assert.DoesNotContain("do-not-leak", result.Error);
        Assert.DoesNotContain("HTTP_AUTHORIZATION", result.Error);
        Assert.DoesNotContain(GitTestServer.Password, result.Error);
    }
}
