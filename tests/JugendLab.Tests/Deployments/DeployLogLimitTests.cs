using JugendLab.Orchestrator.Deployments;
using JugendLab.Orchestrator.Errors;

namespace JugendLab.Tests.Deployments;

/// <summary>A build that prints without end must not fill the disk or the watcher's terminal.</summary>
public sealed class DeployLogLimitTests : IDisposable
{
    private const long Limit = 64 * 1024;
    private readonly string _path = Path.Combine(Path.GetTempPath(), $"jl-log-{Guid.NewGuid():n}.log");

    [Fact]
    public async Task EndlessBuildOutput_IsCutAtTheLimit_WithOneLineNamingIt()
    {
        var seen = new List<string>();
        await using (var log = new DeployLog(Language.English, seen.Add, Limit))
        {
            log.AttachFile(_path);
            for (var i = 0; i < 10_000; i++) log.Output($"spam line {i} " + new string('x', 80));
            Assert.True(log.WasCut);
        }

        var bytes = new FileInfo(_path).Length;
        Assert.InRange(bytes, Limit - 200, Limit + 200);
        var lines = File.ReadAllLines(_path);
        Assert.Equal(" !     The build log is longer than 64 KB and was cut here (build log limit: 64 KB).", lines[^1]);
        Assert.Single(lines, l => l.Contains("was cut"));
        Assert.Equal(lines, seen); // the live watcher saw exactly what the file keeps, cut included
    }

    [Fact]
    public async Task TheCut_SignalsOverflow_SoTheBuildCanBeStopped()
    {
        await using var log = new DeployLog(Language.German, _ => { }, Limit);
        Assert.False(log.Overflowed.IsCancellationRequested);
        for (var i = 0; i < 10_000; i++) log.Output(new string('x', 100));

        Assert.True(log.Overflowed.WaitHandle.WaitOne(TimeSpan.FromSeconds(10)), "the overflow was never signalled");
    }

    [Fact]
    public async Task AfterTheCut_ThePlatformStillSaysWhyTheDeployFailed_ButBuildOutputIsDropped()
    {
        await using (var log = new DeployLog(Language.German, _ => { }, Limit))
        {
            log.AttachFile(_path);
            for (var i = 0; i < 2_000; i++) log.Output(new string('x', 100));
            log.Output("still spamming");
            log.Error("Deploy fehlgeschlagen. Die bisherige Version läuft weiter.");
        }

        var lines = File.ReadAllLines(_path);
        var cut = Array.FindIndex(lines, l => l.Contains("abgeschnitten"));
        Assert.Equal("Das Build-Log ist länger als 64 KB und wurde hier abgeschnitten (Limit für Build-Logs: 64 KB).", lines[cut][7..]);
        Assert.Equal([" !     Deploy fehlgeschlagen. Die bisherige Version läuft weiter."], lines[(cut + 1)..]);
    }

    [Fact]
    public async Task ALogUnderTheLimit_IsNeitherCutNorStopped()
    {
        await using var log = new DeployLog(Language.English, _ => { }, Limit);
        for (var i = 0; i < 100; i++) log.Output(new string('x', 100));
        log.Step("Fertig", "Done");

        Assert.False(log.WasCut);
        Assert.False(log.Overflowed.IsCancellationRequested);
    }

    [Fact]
    public void TheLimit_IsNamedInMegabytes()
    {
        var log = new DeployLog(Language.English, _ => { }, 5 * 1024 * 1024);
        Assert.Equal("5 MB", log.LimitText);
    }

    public void Dispose() => File.Delete(_path);
}
