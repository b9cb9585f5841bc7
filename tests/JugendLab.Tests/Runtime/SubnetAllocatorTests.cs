using JugendLab.Orchestrator.Runtime;

namespace JugendLab.Tests.Runtime;

public sealed class SubnetAllocatorTests
{
    private static readonly Ipv4Subnet Pool = Ipv4Subnet.Parse("10.200.0.0/16");

    private static Ipv4Subnet? FirstFree(int prefix, params string[] taken) =>
        SubnetAllocator.FirstFree(Pool, prefix, taken.Select(Ipv4Subnet.Parse).ToList());

    [Fact]
    public void EmptyEngine_GetsThePoolsFirstBlock() => Assert.Equal("10.200.0.0/27", FirstFree(27).ToString());

    [Fact]
    public void TakenBlocks_AreSkipped() => Assert.Equal("10.200.0.64/27", FirstFree(27, "10.200.0.0/27", "10.200.0.32/27").ToString());

    [Fact]
    public void AGapBetweenNetworks_IsUsed() => Assert.Equal("10.200.0.32/27", FirstFree(27, "10.200.0.0/27", "10.200.0.64/27").ToString());

    [Fact]
    public void ABiggerNetworkInThePool_IsJumpedOverWhole() => Assert.Equal("10.200.1.0/27", FirstFree(27, "10.200.0.0/24").ToString());

    [Fact]
    public void ASmallNetworkInsideABlock_MakesTheWholeBlockTaken() => Assert.Equal("10.200.1.0/24", FirstFree(24, "10.200.0.200/29").ToString());

    [Fact]
    public void NetworksOutsideThePool_DoNotMatter() => Assert.Equal("10.200.0.0/27", FirstFree(27, "172.17.0.0/16", "10.199.255.224/27", "10.201.0.0/16").ToString());

    [Fact]
    public void ANetworkCoveringThePool_LeavesNothing() => Assert.Null(FirstFree(27, "10.0.0.0/8"));

    [Fact]
    public void DefaultPool_HoldsTwoThousandTeamsOfThirtyTwoAddresses()
    {
        var taken = new List<Ipv4Subnet>();
        while (SubnetAllocator.FirstFree(Pool, 27, taken) is { } next) taken.Add(next);

        Assert.Equal(2048, taken.Count);
        Assert.Equal(taken.Count, taken.Distinct().Count());
        Assert.Equal("10.200.255.224/27", taken[^1].ToString());
    }

    [Fact]
    public void FullPool_ReturnsNull() => Assert.Null(SubnetAllocator.FirstFree(Ipv4Subnet.Parse("10.200.0.0/26"), 27,
        [Ipv4Subnet.Parse("10.200.0.0/27"), Ipv4Subnet.Parse("10.200.0.32/27")]));

    [Fact]
    public void ABlockBiggerThanThePool_IsRefused() =>
        Assert.Throws<ArgumentOutOfRangeException>(() => SubnetAllocator.FirstFree(Pool, 8, []));

    [Fact]
    public void PoolAtTheTopOfTheAddressSpace_DoesNotOverflow()
    {
        var top = Ipv4Subnet.Parse("255.255.255.192/26");
        Assert.Equal("255.255.255.224/27", SubnetAllocator.FirstFree(top, 27, [Ipv4Subnet.Parse("255.255.255.192/27")]).ToString());
        Assert.Null(SubnetAllocator.FirstFree(top, 27, [top]));
    }
}
