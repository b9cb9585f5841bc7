using JugendLab.Orchestrator.Runtime;

namespace JugendLab.Tests.Runtime;

public sealed class Ipv4SubnetTests
{
    [Theory]
    [InlineData("10.200.0.0/16", "10.200.0.0/16")]
    [InlineData("10.1.2.3", "10.1.2.3/32")]
    [InlineData(" 0.0.0.0/0 ", "0.0.0.0/0")]
    public void Parse_RoundTrips(string text, string expected) => Assert.Equal(expected, Ipv4Subnet.Parse(text).ToString());

    [Theory]
    [InlineData("10.200.0.5/16")] // host bits set: most likely a typo
    [InlineData("10.200.0.0/33")]
    [InlineData("fd00::/8")]
    [InlineData("10.200.0.0/16/2")]
    [InlineData("")]
    [InlineData("lab.example.org")]
    public void TryParse_RefusesWhatIsNotAnIpv4Network(string text) => Assert.False(Ipv4Subnet.TryParse(text, out _));

    [Fact]
    public void Gateway_IsTheFirstHostAddress() => Assert.Equal("10.200.0.33", Ipv4Subnet.Parse("10.200.0.32/27").Gateway.ToString());

    [Fact]
    public void Size_And_Last_CoverTheWholeAddressSpace()
    {
        var all = Ipv4Subnet.Parse("0.0.0.0/0");
        Assert.Equal(1UL << 32, all.Size);
        Assert.Equal(uint.MaxValue, all.Last);
    }

    [Theory]
    [InlineData("10.200.0.0/27", "10.200.0.31/32", true)]
    [InlineData("10.200.0.0/27", "10.200.0.32/27", false)]
    [InlineData("10.0.0.0/8", "10.200.0.0/16", true)]
    [InlineData("10.200.0.64/26", "10.200.0.0/16", true)]
    public void Overlaps_IsSymmetric(string a, string b, bool expected)
    {
        Assert.Equal(expected, Ipv4Subnet.Parse(a).Overlaps(Ipv4Subnet.Parse(b)));
        Assert.Equal(expected, Ipv4Subnet.Parse(b).Overlaps(Ipv4Subnet.Parse(a)));
    }
}
