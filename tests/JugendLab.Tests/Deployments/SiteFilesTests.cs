using System.Formats.Tar;
using System.Text;
using JugendLab.Orchestrator.Configuration;
using JugendLab.Orchestrator.Deployments;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace JugendLab.Tests.Deployments;

public sealed class SiteFilesTests : IDisposable
{
    private readonly string _data = Directory.CreateTempSubdirectory("site-files-").FullName;
    private readonly SiteFiles _sites;

    public SiteFilesTests() => _sites = new SiteFiles(Options.Create(new OrchestratorOptions { DataDirectory = _data }),
        Options.Create(new BuildOptions()), NullLogger<SiteFiles>.Instance);

    public void Dispose() => Directory.Delete(_data, recursive: true);

    private string Sites => Path.Combine(_data, "sites");

    [Fact]
    public async Task Unpack_MakesAFolderNamedAfterTheDeployment_AndLeavesNoHalfFolder()
    {
        var (site, extraction) = await _sites.UnpackAsync(Snapshot("index.html", "<h1>Kiez</h1>"), 42, CancellationToken.None);

        Assert.Equal("42", site);
        Assert.Equal(1, extraction.Files);
        Assert.Equal("<h1>Kiez</h1>", File.ReadAllText(Path.Combine(Sites, "42", "index.html")));
        Assert.Equal(Path.Combine(Sites, "42") + "/", _sites.Root(site));
        Assert.Equal(["42"], Directory.GetDirectories(Sites).Select(Path.GetFileName));
    }

    [Fact]
    public async Task Unpack_ThatFails_LeavesNoFolder()
    {
        var sites = new SiteFiles(Options.Create(new OrchestratorOptions { DataDirectory = _data }),
            Options.Create(new BuildOptions { MaxContextMb = 0 }), NullLogger<SiteFiles>.Instance);

        await Assert.ThrowsAsync<JugendLab.Orchestrator.Errors.DomainException>(() =>
            sites.UnpackAsync(Snapshot("index.html", "too big for no room at all"), 43, CancellationToken.None));

        Assert.Empty(Directory.GetDirectories(Sites));
    }

    [Fact]
    public void Sweep_RemovesHalfUnpackedAndUnwantedFolders_AndKeepsWantedOnes()
    {
        foreach (var name in new[] { "1", "2", ".incoming-3", "notes" }) Directory.CreateDirectory(Path.Combine(Sites, name));

        var removed = _sites.Sweep(new HashSet<string> { "1" });

        Assert.Equal(2, removed);
        Assert.Equal(["1", "notes"], Directory.GetDirectories(Sites).Select(Path.GetFileName).Order());
    }

    [Theory]
    [InlineData("../etc")]
    [InlineData("/etc")]
    [InlineData("")]
    public void ANameThatIsNoDeploymentId_IsNeverUsed(string site)
    {
        Assert.False(_sites.Exists(site));
        _sites.Delete(site); // must not touch anything
        Assert.True(Directory.Exists("/etc"));
    }

    private static SourceSnapshot Snapshot(string name, string text)
    {
        var output = new MemoryStream();
        using (var writer = new TarWriter(output, TarEntryFormat.Pax, leaveOpen: true))
            writer.WriteEntry(new PaxTarEntry(TarEntryType.RegularFile, name) { DataStream = new MemoryStream(Encoding.UTF8.GetBytes(text)) });
        return SourceSnapshot.FromTar(output.ToArray(), "abc1234");
    }
}
