using System.Reflection;
using JugendLab.Orchestrator.Configuration;
using JugendLab.Orchestrator.Runtime;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace JugendLab.Tests.Runtime;

/// <summary>DataVolumes against real loop devices and a recording stand-in for the engine.</summary>
public sealed class DataVolumesTests : IDisposable
{
    private readonly string _directory = Directory.CreateTempSubdirectory("jl-datavolumes-test-").FullName;
    private readonly LoopDevices _loops = new();
    private readonly IContainerRuntime _engine = DispatchProxy.Create<IContainerRuntime, RecordingEngine>();
    private RecordingEngine Engine => (RecordingEngine)(object)_engine;
    private readonly DataVolumes _volumes;

    public DataVolumesTests()
    {
        var orchestrator = Options.Create(new OrchestratorOptions { DataDirectory = _directory, Instance = "main" });
        _volumes = new DataVolumes(_engine, _loops, new ResourceNames(orchestrator), orchestrator,
            Options.Create(new RuntimeOptions()), NullLogger<DataVolumes>.Instance);
    }

    [Fact]
    public async Task ANewProject_GetsAnImageOfItsQuota_AndAVolumeOnItsLoopDevice()
    {
        await _volumes.EnsureAsync(teamId: 2, projectId: 7, diskMb: 20, CancellationToken.None);

        var image = _volumes.ImagePath(7);
        Assert.Equal(Path.Combine(_directory, "volumes", "7.ext4"), image);
        Assert.Equal(20L * 1024 * 1024, new FileInfo(image).Length);
        var created = Assert.Single(Engine.Calls, c => c.Method == nameof(IContainerRuntime.EnsureVolumeAsync));
        Assert.Equal("jl-main-data-7", created.Args[0]);
        Assert.Null(created.Args[2]); // no helper container: the filesystem is the app user's from the start
        Assert.Equal(_loops.DeviceFor(image), ((IReadOnlyDictionary<string, string>)created.Args[3]!)["device"]);
        Assert.Equal("10001:10001", await RootOwnerAsync(image));
    }

    [Fact]
    public async Task WithUserNamespaces_TheFilesystemBelongsToTheAppUserAsTheHostSeesIt()
    {
        Engine.EngineRoot = "100000:100000"; // userns-remap: container id n is host id 100000 + n

        await _volumes.EnsureAsync(2, 7, 20, CancellationToken.None);

        Assert.Equal("110001:110001", await RootOwnerAsync(_volumes.ImagePath(7)));
    }

    [Fact]
    public async Task AnImageFromBefore_ItsVolumeIsHandedToTheAppUserByTheHelper()
    {
        await _volumes.EnsureAsync(2, 7, 20, CancellationToken.None); // the image exists now; its volume goes away
        Engine.Volume = new VolumeInfo("jl-main-data-7", "/dev/loop-of-someone-else");
        Engine.Calls.Clear();

        await _volumes.EnsureAsync(2, 7, 20, CancellationToken.None);

        var created = Assert.Single(Engine.Calls, c => c.Method == nameof(IContainerRuntime.EnsureVolumeAsync));
        Assert.Equal("10001:10001", created.Args[2]); // it cannot know who owns an older image's root: the helper makes sure
    }

    [Theory]
    [InlineData("10001:10001", "0:0", "10001:10001")]
    [InlineData("10001:10001", "165536:165536", "175537:175537")]
    [InlineData("app", "0:0", null)]
    public void HostIds_AddTheEnginesRootToTheContainersIds(string user, string engineRoot, string? expected) =>
        Assert.Equal(expected, LoopCommands.HostIds(user, engineRoot));

    /// <summary>The uid:gid of the filesystem's root directory, read from the image with debugfs (e2fsprogs).</summary>
    private static async Task<string> RootOwnerAsync(string image)
    {
        var debugfs = System.Diagnostics.Process.Start(new System.Diagnostics.ProcessStartInfo("debugfs", ["-R", "stat /", image])
        {
            RedirectStandardOutput = true, RedirectStandardError = true,
        })!;
        var output = await debugfs.StandardOutput.ReadToEndAsync();
        await debugfs.WaitForExitAsync();
        var match = System.Text.RegularExpressions.Regex.Match(output, @"User:\s+(\d+)\s+Group:\s+(\d+)");
        Assert.True(match.Success, "debugfs did not show the root directory's owner:\n" + output);
        return $"{match.Groups[1].Value}:{match.Groups[2].Value}";
    }

    [Fact]
    public async Task AVolumeNamingAnotherDevice_IsMadeAgainOnTheImagesDevice()
    {
        await _volumes.EnsureAsync(2, 7, 20, CancellationToken.None);
        Engine.Volume = new VolumeInfo("jl-main-data-7", "/dev/loop-of-someone-else");
        Engine.Calls.Clear();

        await _volumes.EnsureAsync(2, 7, 20, CancellationToken.None);

        Assert.Equal([nameof(IContainerRuntime.InspectVolumeAsync), nameof(IContainerRuntime.RemoveVolumeAsync), nameof(IContainerRuntime.EnsureVolumeAsync)],
            Engine.Calls.Select(c => c.Method));
    }

    [Fact]
    public async Task APlainVolumeFromBefore_IsLeftAsItIs()
    {
        Engine.Volume = new VolumeInfo("jl-main-data-7", null);

        await _volumes.EnsureAsync(2, 7, 20, CancellationToken.None);

        Assert.False(File.Exists(_volumes.ImagePath(7)));
        Assert.Equal([nameof(IContainerRuntime.InspectVolumeAsync)], Engine.Calls.Select(c => c.Method));
    }

    [Fact]
    public async Task ReconcilePasses_AskTheEngineOnlyWhenTheDeviceChanged()
    {
        await _volumes.EnsureAsync(2, 7, 20, CancellationToken.None);
        Engine.Calls.Clear();

        for (var pass = 0; pass < 5; pass++)
            Assert.False(await _volumes.ReconcileAsync(2, 7, 20, [], CancellationToken.None));

        Assert.Empty(Engine.Calls);
    }

    [Fact]
    public async Task AfterARestartOfThePlatform_TheFirstPassChecksTheVolume()
    {
        await _volumes.EnsureAsync(2, 7, 20, CancellationToken.None);
        Engine.Volume = new VolumeInfo("jl-main-data-7", _loops.DeviceFor(_volumes.ImagePath(7)));
        var restarted = new DataVolumes(_engine, _loops, new ResourceNames(Options.Create(new OrchestratorOptions { DataDirectory = _directory, Instance = "main" })),
            Options.Create(new OrchestratorOptions { DataDirectory = _directory, Instance = "main" }), Options.Create(new RuntimeOptions()),
            NullLogger<DataVolumes>.Instance);
        Engine.Calls.Clear();

        await restarted.ReconcileAsync(2, 7, 20, [], CancellationToken.None);
        await restarted.ReconcileAsync(2, 7, 20, [], CancellationToken.None);

        Assert.Equal([nameof(IContainerRuntime.InspectVolumeAsync)], Engine.Calls.Select(c => c.Method));
    }

    [Fact]
    public async Task Delete_RemovesTheVolume_DetachesTheDevice_AndDeletesTheImage()
    {
        await _volumes.EnsureAsync(2, 7, 20, CancellationToken.None);
        var image = _volumes.ImagePath(7);
        Engine.Calls.Clear();

        await _volumes.DeleteAsync(7, CancellationToken.None);

        var removed = Assert.Single(Engine.Calls);
        Assert.Equal((nameof(IContainerRuntime.RemoveVolumeAsync), "jl-main-data-7"), (removed.Method, removed.Args[0]));
        Assert.Null(_loops.DeviceFor(image));
        Assert.False(File.Exists(image));
    }

    public void Dispose()
    {
        foreach (var image in Directory.Exists(Path.Combine(_directory, "volumes")) ? Directory.EnumerateFiles(Path.Combine(_directory, "volumes")) : [])
            _loops.DetachAndDeleteAsync(image, CancellationToken.None).GetAwaiter().GetResult();
        Directory.Delete(_directory, recursive: true);
    }

    /// <summary>Records every call; answers with <see cref="Volume"/> for inspections and <see cref="EngineRoot"/> for the engine's root.</summary>
    public class RecordingEngine : DispatchProxy
    {
        public List<(string Method, object?[] Args)> Calls { get; } = [];
        public VolumeInfo? Volume { get; set; }
        public string EngineRoot { get; set; } = "0:0";

        protected override object? Invoke(MethodInfo? method, object?[]? args)
        {
            Calls.Add((method!.Name, args ?? []));
            return method.Name switch
            {
                nameof(IContainerRuntime.InspectVolumeAsync) => Task.FromResult(Volume),
                nameof(IContainerRuntime.EngineRootOwnerAsync) => Task.FromResult(EngineRoot),
                _ when method.ReturnType == typeof(Task) => Task.CompletedTask,
                _ => throw new NotSupportedException(method.Name),
            };
        }
    }
}
