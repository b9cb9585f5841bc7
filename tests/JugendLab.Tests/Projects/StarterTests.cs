using System.Formats.Tar;
using System.Text;
using JugendLab.Orchestrator.Configuration;
using JugendLab.Orchestrator.Deployments;
using JugendLab.Orchestrator.Errors;
using JugendLab.Orchestrator.Projects;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;

namespace JugendLab.Tests.Projects;

/// <summary>The starters as shipped in the assembly, and their first commit written into real bare repositories by git.</summary>
public sealed class StarterTests : IAsyncLifetime
{
    private readonly string _data = Directory.CreateTempSubdirectory("jl-starter-test-").FullName;
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 12, 2, 8, 30, 0, TimeSpan.Zero));
    private string _repository = null!;

    public static TheoryData<string> Keys => new(Starter.All.Select(s => s.Key));

    public async Task InitializeAsync()
    {
        var repositories = new ProjectRepositories(Options.Create(new OrchestratorOptions { DataDirectory = _data }));
        _repository = await repositories.CreateAsync("kiez", "radio", default);
    }

    [Theory, MemberData(nameof(Keys))]
    public void EachStarter_IsDetectedAsItsOwnTemplate_SoItsFirstDeployBuildsWithTheTemplateItPromises(string key)
    {
        var starter = Starter.Find(key);

        var detected = TemplateDetector.Detect(null, Snapshot(starter.Files()));

        Assert.Equal(starter.Template, detected);
    }

    [Theory, MemberData(nameof(Keys))]
    public void EachStarterPage_SaysInSwissGermanAndEnglish_WhatToChangeAndHowToPush(string key)
    {
        var files = Starter.Find(key).Files();
        var page = Encoding.UTF8.GetString(files.Single(f => f.Path.EndsWith("index.html", StringComparison.Ordinal)).Content);

        Assert.Contains("Dein Projekt ist online", page);
        Assert.Contains("git push", page);
        Assert.Contains("In English", page);
        Assert.DoesNotContain("http://", page.Replace("http://…/git/team/projekt.git", ""));  // no external resources
        Assert.DoesNotContain("https://", page);
        Assert.All(files, f => Assert.DoesNotContain("ß", Encoding.UTF8.GetString(f.Content)));
    }

    [Fact]
    public void DockerfileStarter_BuildsOnlyFromAPlatformImage()
    {
        var dockerfile = Starter.Find("dockerfile").Files().Single(f => f.Path == "Dockerfile");

        Assert.Empty(DockerfilePolicy.Check(Encoding.UTF8.GetString(dockerfile.Content)));
    }

    [Fact]
    public void UnknownStarter_IsRefusedNamingTheKnownOnes()
    {
        var refused = Assert.Throws<DomainException>(() => Starter.Find("../../etc"));

        Assert.Equal(ErrorKind.Invalid, refused.Kind);
        Assert.Contains("website, node, python, dockerfile", refused.German);
    }

    [Theory, MemberData(nameof(Keys))]
    public async Task Seeding_WritesEveryFileAsTheFirstCommitOfTheBranch_ByJugendLab(string key)
    {
        var starter = Starter.Find(key);

        var commit = await new StarterSeeder(_time).SeedAsync(_repository, "main", starter, default);

        Assert.Equal(commit, await Git("rev-parse", "refs/heads/main"));
        var paths = (await Git("ls-tree", "-r", "--name-only", commit)).Split('\n');
        Assert.Equal(starter.Files().Select(f => f.Path).Order(), paths.Order());
        foreach (var file in starter.Files())
            Assert.Equal(Encoding.UTF8.GetString(file.Content).TrimEnd(), await Git("show", $"{commit}:{file.Path}"));
        Assert.Equal($"JugendLab <jugendlab@localhost> {_time.GetUtcNow().ToUnixTimeSeconds()}", await Git("log", "-1", "--format=%an <%ae> %at", commit));
        Assert.Equal($"Start mit der Vorlage «{starter.TitleDe}»", await Git("log", "-1", "--format=%s", commit));
        Assert.Equal("", await Git("log", "-1", "--format=%P", commit)); // no parent: the very first commit
    }

    [Fact]
    public async Task Seeding_DoesNotRunTheRepositorysHook_SoThePlatformIsNotCalledBackToBuild()
    {
        var marker = Path.Combine(_data, "hook-ran");
        var hook = Path.Combine(_repository, "hooks", "pre-receive");
        await File.WriteAllTextAsync(hook, $"#!/bin/sh\ntouch '{marker}'\nexit 1\n");
        foreach (var name in new[] { "update", "post-receive", "reference-transaction" })
        {
            await File.WriteAllTextAsync(Path.Combine(_repository, "hooks", name), $"#!/bin/sh\ntouch '{marker}'\nexit 1\n");
            File.SetUnixFileMode(Path.Combine(_repository, "hooks", name), UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        }

        await new StarterSeeder(_time).SeedAsync(_repository, "main", Starter.Find("website"), default);

        Assert.False(File.Exists(marker));
        Assert.NotEmpty(await Git("rev-parse", "refs/heads/main"));
    }

    [Fact]
    public async Task Seeding_ABranchThatHasCode_IsRefused_AndTheTeamsCodeStays()
    {
        var seeder = new StarterSeeder(_time);
        var first = await seeder.SeedAsync(_repository, "main", Starter.Find("node"), default);

        var refused = await Assert.ThrowsAsync<DomainException>(() => seeder.SeedAsync(_repository, "main", Starter.Find("website"), default));

        Assert.Equal(ErrorKind.Conflict, refused.Kind);
        Assert.Equal(first, await Git("rev-parse", "refs/heads/main"));
    }

    [Theory]
    [InlineData("Kiez Radio!", "kiez-radio")]
    [InlineData("Müsli_Bar", "muesli-bar")]
    [InlineData("42 Quiz", "quiz")]
    public void Simplify_TurnsWhatAYouthTypedIntoAValidName(string typed, string expected) =>
        Assert.Equal(expected, NewProjectService.Simplify(typed));

    private static SourceSnapshot Snapshot(IReadOnlyList<StarterFile> files)
    {
        using var tar = new MemoryStream();
        using (var writer = new TarWriter(tar, TarEntryFormat.Pax, leaveOpen: true))
            foreach (var file in files)
                writer.WriteEntry(new PaxTarEntry(TarEntryType.RegularFile, file.Path) { DataStream = new MemoryStream(file.Content) });
        return SourceSnapshot.FromTar(tar.ToArray(), "0000000");
    }

    private Task<string> Git(params string[] args) => GitProcess.RunAsync(_repository, null, default, args);

    public Task DisposeAsync()
    {
        Directory.Delete(_data, recursive: true);
        return Task.CompletedTask;
    }
}
