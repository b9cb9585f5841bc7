using JugendLab.IntegrationTests.Infrastructure;

namespace JugendLab.IntegrationTests;

/// <summary>Someone with an ordinary shell on the box learns nothing from the platform's processes.</summary>
[Collection(PlatformCollection.Name)]
public sealed class LocalHardeningTests(PlatformFixture platform)
{
    [Fact]
    public async Task PushHooksOneTimeToken_NeverAppearsOnAProcessCommandLine()
    {
        var team = await platform.CreateTeamAsync();
        var project = await platform.CreateProjectAsync(team);
        using var repo = GitRepo.Create(new Dictionary<string, string>
        {
            ["Dockerfile"] = "FROM jugendlab/static:latest\nRUN sleep 4\nCOPY index.html /app/index.html\n",
            ["index.html"] = "<h1>slow build</h1>",
        });
        var sawHookCurl = false;
        var sawBearer = false;
        using var stop = new CancellationTokenSource();
        var watching = Task.Run(async () =>
        {
            while (!stop.IsCancellationRequested)
            {
                // Only this platform's processes (its port): other platforms on the machine are not under test here.
                foreach (var commandLine in CommandLines().Where(c => c.Contains($":{platform.Platform.Port}/")))
                {
                    if (commandLine.Contains("quarantine=")) sawHookCurl = true;
                    if (commandLine.Contains("Bearer", StringComparison.OrdinalIgnoreCase)) sawBearer = true;
                }
                await Task.Delay(50);
            }
        });

        var push = await repo.PushAsync(platform.RemoteUrl(team, project));
        await stop.CancelAsync();
        await watching;

        Assert.True(push.Succeeded, push.ToString());
        Assert.True(sawHookCurl, "the hook's curl was never seen, so the check proved nothing");
        Assert.False(sawBearer, "a process command line carried the push token");
    }

    private static IEnumerable<string> CommandLines()
    {
        foreach (var dir in Directory.EnumerateDirectories("/proc"))
        {
            string text;
            try { text = File.ReadAllText(Path.Combine(dir, "cmdline")); }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException) { continue; }
            yield return text.Replace('\0', ' ');
        }
    }
}
