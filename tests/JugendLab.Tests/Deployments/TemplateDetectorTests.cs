using System.Formats.Tar;
using JugendLab.Orchestrator.Deployments;
using JugendLab.Orchestrator.Errors;
using JugendLab.Orchestrator.Projects;

namespace JugendLab.Tests.Deployments;

public sealed class TemplateDetectorTests
{
    internal static SourceSnapshot Snapshot(params string[] files)
    {
        var tar = new MemoryStream();
        using (var writer = new TarWriter(tar, TarEntryFormat.Pax, leaveOpen: true))
            foreach (var file in files)
                writer.WriteEntry(new PaxTarEntry(TarEntryType.RegularFile, file) { DataStream = new MemoryStream("x"u8.ToArray()) });
        return SourceSnapshot.FromTar(tar.ToArray(), new string('a', 40));
    }

    [Theory]
    [InlineData(Template.Dockerfile, "Dockerfile", "package.json", "app.py", "index.html")]
    [InlineData(Template.Node, "package.json", "app.py", "index.html")]
    [InlineData(Template.Python, "app.py", "index.html")]
    [InlineData(Template.Python, "requirements.txt")]
    [InlineData(Template.Static, "index.html")]
    [InlineData(Template.Static, "public/index.html")]
    public void Detect_PicksByMarkerFileInPriorityOrder(Template expected, params string[] files) =>
        Assert.Equal(expected, TemplateDetector.Detect(null, Snapshot(files)));

    [Fact]
    public void Detect_ProjectChoice_WinsOverFiles() =>
        Assert.Equal(Template.Static, TemplateDetector.Detect(Template.Static, Snapshot("package.json", "index.html")));

    [Fact]
    public void Detect_NothingRecognisable_SaysWhatWasExpected()
    {
        var error = Assert.Throws<DomainException>(() => TemplateDetector.Detect(null, Snapshot("notes.txt", "src/index.html")));
        Assert.Contains("package.json", error.English);
        Assert.Contains("Dockerfile", error.German);
    }
}
