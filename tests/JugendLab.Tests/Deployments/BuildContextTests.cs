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

    /// <summary>
    /// The install step's layer is keyed on the package lists alone: it comes after a COPY of only those files (and of
    /// our Dockerfile, which is always there) and before the project's code is copied, so a code change keeps it.
    /// </summary>
    [Theory]
    [InlineData(Template.Node, "package.json* package-lock.json*", "npm ci")]
    [InlineData(Template.Python, "requirements.txt*", "pip install")]
    public void Template_InstallsDependenciesBeforeTheCodeIsCopied(Template template, string lists, string install)
    {
        var lines = System.Text.Encoding.UTF8.GetString(BuildContext.DockerfileOf(template))
            .Split('\n').Where(l => !l.TrimStart().StartsWith('#')).ToList();

        var copyLists = lines.FindIndex(l => l.StartsWith("COPY ") && l.Contains(lists));
        var run = lines.FindIndex(l => l.StartsWith("RUN "));
        var installLine = lines.FindIndex(l => l.Contains(install));
        var copyAll = lines.FindIndex(l => l.StartsWith("COPY . "));

        Assert.True(copyLists >= 0, $"no COPY of {lists} alone");
        Assert.StartsWith($"COPY {BuildContext.TemplateDockerfile} ", lines[copyLists]); // never empty, so the COPY never fails
        Assert.True(copyLists < run && run <= installLine && installLine < copyAll,
            $"expected COPY lists ({copyLists}) < RUN ({run}) ≤ install ({installLine}) < COPY . ({copyAll})");
    }

    /// <summary>
    /// The engine's builder runs every step after the first changed one again; a metadata step (USER, CMD, …) after the
    /// code copy costs a container of its own on every push. So the code is copied last: a code-only push reuses all else.
    /// </summary>
    [Theory]
    [InlineData(Template.Node)]
    [InlineData(Template.Python)]
    [InlineData(Template.Static)]
    public void Template_CopiesTheCodeLast_AndRunsAsTheAppUser(Template template)
    {
        var instructions = System.Text.Encoding.UTF8.GetString(BuildContext.DockerfileOf(template))
            .Split('\n').Where(l => l.Length > 0 && !char.IsWhiteSpace(l[0]) && !l.StartsWith('#')).ToList();

        Assert.StartsWith("COPY . ", instructions[^1]);
        Assert.Single(instructions, l => l.StartsWith("COPY . "));
        Assert.Contains("USER 10001:10001", instructions);
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
