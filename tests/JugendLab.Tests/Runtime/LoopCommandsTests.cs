using JugendLab.Orchestrator.Runtime;

namespace JugendLab.Tests.Runtime;

public sealed class LoopCommandsTests
{
    [Fact]
    public void MakeFilesystem_ReservesNothingForRoot_AndGivesTheRootDirectoryToTheEnginesRoot() =>
        Assert.Equal("mkfs.ext4 -q -F -m 0 -E root_owner=100000:100000 /srv/data/volumes/7.ext4",
            LoopCommands.MakeFilesystem("/srv/data/volumes/7.ext4", "100000:100000").ToString());

    [Fact]
    public void AFileNameWithShellSyntax_StaysOneArgument()
    {
        var command = LoopCommands.Attach("/srv/data/volumes/7.ext4; rm -rf /");
        Assert.Equal("losetup", command.Program);
        Assert.Equal(["--find", "--show", "/srv/data/volumes/7.ext4; rm -rf /"], command.Arguments);
    }

    [Fact]
    public void VolumeOptions_MountTheDevice_NotTheFileWithOLoop()
    {
        var options = LoopCommands.VolumeOptions("/dev/loop3");
        Assert.Equal("ext4", options["type"]);
        Assert.Equal("/dev/loop3", options["device"]);
        Assert.DoesNotContain("loop", options["o"]); // o=loop with a file path does not work (FACTS.md)
    }

    [Fact]
    public void DeviceFor_MatchesTheWholePath_NotAPrefixOrADeletedFile()
    {
        (string, string)[] loops =
        [
            ("/dev/loop0", "/srv/data/volumes/11.ext4"),
            ("/dev/loop1", "/srv/data/volumes/1.ext4 (deleted)"),
            ("/dev/loop2", "/other/data/volumes/1.ext4"),
        ];
        Assert.Null(LoopCommands.DeviceFor("/srv/data/volumes/1.ext4", loops));
        Assert.Equal("/dev/loop0", LoopCommands.DeviceFor("/srv/data/volumes/11.ext4", loops));
    }

    [Fact]
    public void IsMounted_ReadsTheDeviceColumnOfProcMounts()
    {
        const string mounts = "/dev/vda / ext4 rw 0 0\n/dev/loop12 /var/lib/docker/volumes/jl-main-data-7/_data ext4 rw,discard 0 0\n";
        Assert.True(LoopCommands.IsMounted("/dev/loop12", mounts));
        Assert.False(LoopCommands.IsMounted("/dev/loop1", mounts));
    }

    [Theory]
    [InlineData(0, 8)]
    [InlineData(1, 8)]
    [InlineData(8, 8)]
    [InlineData(1024, 1024)]
    [InlineData(1_000_000, 1_000_000)]
    public void ImageBytes_IsTheQuota_ButNeverBelowTheSmallestUsefulFilesystem(int diskMb, long expectedMb) =>
        Assert.Equal(expectedMb * 1024 * 1024, DataVolumes.ImageBytes(diskMb));
}
