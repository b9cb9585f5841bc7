using JugendLab.IntegrationTests.Infrastructure;

namespace JugendLab.IntegrationTests;

/// <summary>A youth's build steps are untrusted code too: limited, and never root on the host.</summary>
[Collection(PlatformCollection.Name)]
public sealed class BuildSandboxTests(PlatformFixture platform)
{
    [Fact]
    public async Task ForkBombInABuildStep_StopsAtThePidLimit_AndTheStepIsNotHostRoot()
    {
        var team = await platform.CreateTeamAsync();
        var project = await platform.CreateProjectAsync(team);
        using var repo = GitRepo.Create(new Dictionary<string, string>
        {
            ["Dockerfile"] = "FROM jugendlab/python:latest\nCOPY probe.py /probe.py\nRUN python3 /probe.py\n",
            ["probe.py"] = """
                import os, subprocess
                children = []
                try:
                    for _ in range(3000):
                        children.append(subprocess.Popen(["sleep", "60"]))
                    print("forked all", len(children))
                except OSError as e:
                    print("fork refused after", len(children), "processes:", e.strerror)
                for child in children:
                    child.kill()
                with open("/proc/self/uid_map") as f:
                    inside, outside, count = f.read().split()
                print("uid", os.getuid(), "is host uid", outside)
                raise SystemExit(1)
                """,
        });

        var push = await repo.PushAsync(platform.RemoteUrl(team, project));

        Assert.False(push.Succeeded, push.ToString());
        Assert.True(push.Output.Contains("fork refused after"), push.Output);
        var refused = System.Text.RegularExpressions.Regex.Match(push.Output, @"fork refused after (\d+)");
        Assert.True(refused.Success, push.Output);
        var started = int.Parse(refused.Groups[1].Value);
        Assert.InRange(started, 1, 512);
        Assert.Contains("uid 0 is host uid ", push.Output);
        var hostUid = push.Output.Split("uid 0 is host uid ")[1].Split(['\n', '\r', ' '])[0];
        Assert.NotEqual("0", hostUid);
    }
}
