using System.Formats.Tar;
using JugendLab.Orchestrator.Deployments;
using JugendLab.Orchestrator.Projects;

namespace JugendLab.Tests.Deployments;

public sealed class BuildContextTests
{
    [Theory]
    [InlineData(Template.Static, "jugendlab/static")]
    [InlineData(Template.Node, "jugendlab/node")]
    [InlineData(Template.Python, "jugendlab/python")]
    public void For_BuiltInTemplate_AddsOurDockerfileBesideTheFiles(Template template, string baseImage)
    {
        var (context, dockerfile) = BuildContext.For(TemplateDetectorTests.Snapshot("index.html", "app.py"), template);

        var entries = ReadEntries(context);
        Assert.Equal(BuildContext.TemplateDockerfile, dockerfile);
        Assert.Contains("index.html", entries.Keys);
        Assert.Contains($"FROM {baseImage}", entries[BuildContext.TemplateDockerfile]);
    }

    [Fact]
    public void For_OwnDockerfile_BuildsTheRepositoryAsItIs()
    {
        var source = TemplateDetectorTests.Snapshot("Dockerfile", "index.html");

        var (context, dockerfile) = BuildContext.For(source, Template.Dockerfile);

        Assert.Equal("Dockerfile", dockerfile);
        Assert.DoesNotContain(BuildContext.TemplateDockerfile, ReadEntries(context).Keys);
    }

    private static Dictionary<string, string> ReadEntries(Stream tar)
    {
        var result = new Dictionary<string, string>();
        using var reader = new TarReader(tar);
        while (reader.GetNextEntry() is { } entry)
            result[entry.Name] = entry.DataStream is null ? "" : new StreamReader(entry.DataStream).ReadToEnd();
        return result;
    }
}
