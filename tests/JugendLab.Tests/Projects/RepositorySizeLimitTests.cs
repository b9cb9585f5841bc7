using JugendLab.Orchestrator.Configuration;
using JugendLab.Orchestrator.Errors;
using JugendLab.Orchestrator.Projects;
using Microsoft.Extensions.Options;

namespace JugendLab.Tests.Projects;

/// <summary>Against real bare repositories made by git; pushed objects in quarantine are plain files, as git leaves them.</summary>
public sealed class RepositorySizeLimitTests : IAsyncLifetime
{
    private const int MB = 1024 * 1024;
    private readonly string _data = Directory.CreateTempSubdirectory("jl-repo-size-").FullName;
    private readonly RepositorySizeLimit _limit = new(Options.Create(new BuildOptions { MaxRepositoryMb = 5 }));
    private string _repository = null!;

    public async Task InitializeAsync()
    {
        var repositories = new ProjectRepositories(Options.Create(new OrchestratorOptions { DataDirectory = _data }));
        _repository = await repositories.CreateAsync("kiez", "radio", default);
    }

    [Fact]
    public void PushThatTakesTheRepositoryOverTheLimit_IsRefused_NamingLimitAndSize()
    {
        WriteNoise(Path.Combine(_repository, "objects", "pack", "pack-old.pack"), 3 * MB);
        var quarantine = WriteNoise(Path.Combine(_repository, "objects", "tmp_objdir-incoming-now", "pack", "pack-new.pack"), 3 * MB);

        var refused = Assert.Throws<DomainException>(() => _limit.EnsureRoomFor(_repository, Path.GetDirectoryName(Path.GetDirectoryName(quarantine))));

        Assert.Equal(ErrorKind.TooLarge, refused.Kind);
        Assert.Contains("das Limit ist 5 MB", refused.German);
        Assert.Matches(@"Repository 6(,\d)? MB gross", refused.German); // 6 MB of packs and git's own few KB, in German decimals
        Assert.Contains("over the limit of 5 MB", refused.English);
        Assert.DoesNotContain("ß", refused.German);
    }

    [Fact]
    public void PushUnderTheLimit_IsAccepted_AndAbandonedQuarantinesOfOtherPushesDoNotCount()
    {
        WriteNoise(Path.Combine(_repository, "objects", "tmp_objdir-incoming-abandoned", "pack", "pack-x.pack"), 4 * MB);
        var quarantine = Path.Combine(_repository, "objects", "tmp_objdir-incoming-now");
        WriteNoise(Path.Combine(quarantine, "pack", "pack-new.pack"), 3 * MB);

        _limit.EnsureRoomFor(_repository, quarantine);
    }

    [Fact]
    public void PushThatBringsNothingNew_IsAccepted_EvenWhenTheRepositoryIsOverTheLimit()
    {
        WriteNoise(Path.Combine(_repository, "objects", "pack", "pack-old.pack"), 6 * MB);
        var quarantine = Directory.CreateDirectory(Path.Combine(_repository, "objects", "tmp_objdir-incoming-delete")).FullName;

        _limit.EnsureRoomFor(_repository, quarantine); // deleting a branch is how a team makes room
        _limit.EnsureRoomFor(_repository, null);
    }

    private static string WriteNoise(string path, int bytes)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        var noise = new byte[bytes];
        Random.Shared.NextBytes(noise);
        File.WriteAllBytes(path, noise);
        return path;
    }

    public Task DisposeAsync()
    {
        Directory.Delete(_data, recursive: true);
        return Task.CompletedTask;
    }
}
