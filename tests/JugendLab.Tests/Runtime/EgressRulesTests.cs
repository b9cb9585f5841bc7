using System.Net;
using JugendLab.Orchestrator.Runtime;

namespace JugendLab.Tests.Runtime;

public sealed class EgressRulesTests
{
    private const string ProcNetRoute = """
        Iface	Destination	Gateway 	Flags	RefCnt	Use	Metric	Mask		MTU	Window	IRTT
        eth0	00000000	010200C0	0003	0	0	0	00000000	0	0	0
        docker0	000011AC	00000000	0001	0	0	0	0000FFFF	0	0	0
        eth0	000200C0	00000000	0001	0	0	0	00FFFFFF	0	0	0
        jl-main-7	00C0C80A	00000000	0001	0	0	0	E0FFFFFF	0	0	0
        eth1	0000FA0A	0102000C	0003	0	0	0	0000FFFF	0	0	0
        """;

    private static readonly string[] Lines = EgressRules.Render(
        [IPAddress.Parse("10.255.255.53")],
        [new AllowedDestination(Ipv4Subnet.Parse("10.1.2.3/32"), 3128)],
        HostNetwork.OnLinkNetworks(ProcNetRoute)).Split('\n');

    private static int IndexOf(string rule) => Array.FindIndex(Lines, l => l == $"-A {EgressRules.Chain} {rule}");

    [Fact]
    public void OnLinkNetworks_AreTheLan_WithoutDefaultRouteRoutersOrOurBridges() =>
        Assert.Equal(["172.17.0.0/16", "192.0.2.0/24"], HostNetwork.OnLinkNetworks(ProcNetRoute).Select(n => n.ToString()));

    [Fact]
    public void Resolvers_AreTheIpv4NameserversWithoutLoopbackStubs() =>
        Assert.Equal(["10.255.255.53", "9.9.9.9"], HostNetwork.Resolvers("# comment\nnameserver 10.255.255.53\nnameserver 127.0.0.53\nnameserver ::1\nnameserver\t9.9.9.9\nsearch lan\n").Select(a => a.ToString()));

    [Fact]
    public void ThePrivateResolver_StaysReachable_BeforePrivateRangesAreRefused()
    {
        var dns = IndexOf("-d 10.255.255.53/32 -p udp --dport 53 -j RETURN");
        Assert.True(dns > 0);
        Assert.True(dns < IndexOf("-d 10.0.0.0/8 -j REJECT --reject-with icmp-net-prohibited"));
    }

    [Fact]
    public void AnAllowedMirror_OnlyItsPort_IsReachable()
    {
        Assert.True(IndexOf("-d 10.1.2.3/32 -p tcp --dport 3128 -j RETURN") > 0);
        Assert.DoesNotContain(Lines, l => l.Contains("-d 10.1.2.3/32 -j RETURN"));
    }

    [Theory]
    [InlineData("10.0.0.0/8")]
    [InlineData("172.16.0.0/12")]
    [InlineData("192.168.0.0/16")]
    [InlineData("169.254.0.0/16")]
    [InlineData("100.64.0.0/10")]
    [InlineData("224.0.0.0/4")]
    [InlineData("192.0.2.0/24")] // the server's own LAN, public addresses or not
    public void LocalRanges_AreRefused(string range) => Assert.True(IndexOf($"-d {range} -p tcp -j REJECT --reject-with tcp-reset") > 0);

    [Fact]
    public void LanInsideAPrivateRange_IsNotListedTwice() => Assert.DoesNotContain(Lines, l => l.Contains("172.17.0.0/16"));

    [Fact]
    public void MailPorts_AreRefusedEverywhere() =>
        Assert.True(IndexOf("-p tcp -m multiport --dports 25,465,587 -j REJECT --reject-with tcp-reset") > 0);

    [Fact]
    public void AnswersAndTheTeamsOwnBridge_ComeFirst()
    {
        Assert.Equal(2, IndexOf("-m conntrack --ctstate ESTABLISHED,RELATED -j RETURN"));
        Assert.Equal(3, IndexOf("-o jl-+ -j RETURN"));
    }

    [Fact]
    public void TheChainIsReplacedWhole_ByIptablesRestore()
    {
        Assert.Equal(["*filter", $":{EgressRules.Chain} - [0:0]"], Lines[..2]);
        Assert.Equal("COMMIT", Lines[^2]);
        Assert.DoesNotContain(Lines, l => l.StartsWith("-A ") && !l.StartsWith($"-A {EgressRules.Chain} "));
    }
}
