using JugendLab.Orchestrator.Runtime;

namespace JugendLab.Tests.Runtime;

/// <summary>The host side of a size-limited /data, against the real losetup and e2fsprogs (root, as on every machine of ours).</summary>
public sealed class LoopDevicesTests : IDisposable
{
    private readonly LoopDevices _loops = new();
    private readonly string _directory = Directory.CreateTempSubdirectory("jl-loop-test-").FullName;

    [Fact]
    public void TheMachine_CanMakeSizeLimitedVolumes() =>
        Assert.True(_loops.IsSupported, "Needs root and losetup, mkfs.ext4, resize2fs, e2fsck on PATH (apt-get install e2fsprogs).");

    [Fact]
    public async Task AnImage_IsAttachedOnce_GrowsUnmounted_AndIsGoneAfterDelete()
    {
        var image = Path.Combine(_directory, "7.ext4");
        await _loops.CreateImageAsync(image, 8 * 1024 * 1024, "0:0", CancellationToken.None);

        var device = await _loops.AttachAsync(image, CancellationToken.None);
        Assert.Equal(device, await _loops.AttachAsync(image, CancellationToken.None)); // attached again: the same device
        Assert.True(await _loops.GrowAsync(image, device, 16 * 1024 * 1024, CancellationToken.None));
        Assert.Equal(16 * 1024 * 1024, new FileInfo(image).Length);
        Assert.False(_loops.IsGrowing(image));
        await _loops.DetachAndDeleteAsync(image, CancellationToken.None);

        Assert.Null(_loops.DeviceFor(image));
        Assert.False(File.Exists(image));
        Assert.False(File.Exists($"/sys/block/{Path.GetFileName(device)}/loop/backing_file")
                     && File.ReadAllText($"/sys/block/{Path.GetFileName(device)}/loop/backing_file").StartsWith(image));
    }

    [Fact]
    public async Task AFailingCommand_SaysWhichCommandAndWhy()
    {
        var error = await Assert.ThrowsAsync<DataVolumeException>(() =>
            _loops.AttachAsync(Path.Combine(_directory, "missing.ext4"), CancellationToken.None));
        Assert.Contains("losetup", error.Message);
    }

    public void Dispose()
    {
        foreach (var image in Directory.EnumerateFiles(_directory))
            _loops.DetachAndDeleteAsync(image, CancellationToken.None).GetAwaiter().GetResult();
        Directory.Delete(_directory, recursive: true);
    }
}
