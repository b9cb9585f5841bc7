using System.Net;
using System.Text;

namespace JugendLab.Orchestrator.Runtime;

/// <summary>
/// What project code and build steps may connect to, as an iptables chain for everything arriving from a "jl-" bridge:
/// the internet yes; the server's LAN, private and link-local ranges, and mail servers no. Pure, so it can be read and tested.
/// </summary>
public static class EgressRules
{
    public const string Chain = "JUGENDLAB-EGRESS";

    /// <summary>Never reachable from a project: private ranges (RFC 1918), CGNAT, link-local (cloud metadata lives there),
    /// multicast, and the odd ranges no public service uses.</summary>
    public static readonly IReadOnlyList<Ipv4Subnet> Blocked =
    [
        Ipv4Subnet.Parse("0.0.0.0/8"), Ipv4Subnet.Parse("10.0.0.0/8"), Ipv4Subnet.Parse("100.64.0.0/10"), Ipv4Subnet.Parse("127.0.0.0/8"),
        Ipv4Subnet.Parse("169.254.0.0/16"), Ipv4Subnet.Parse("172.16.0.0/12"), Ipv4Subnet.Parse("192.168.0.0/16"),
        Ipv4Subnet.Parse("198.18.0.0/15"), Ipv4Subnet.Parse("224.0.0.0/4"), Ipv4Subnet.Parse("240.0.0.0/4"),
    ];

    /// <summary>Mail submission and relay: a project must not become a spam sender in the neighbourhood's name.</summary>
    public static readonly IReadOnlyList<int> SmtpPorts = [25, 465, 587];

    /// <summary>The chain as input for <c>iptables-restore --noflush</c>, which replaces it in one step (no moment without rules).</summary>
    public static string Render(IEnumerable<IPAddress> resolvers, IEnumerable<AllowedDestination> allowed, IEnumerable<Ipv4Subnet> localNetworks)
    {
        var text = new StringBuilder("*filter\n").Append($":{Chain} - [0:0]\n");
        void Rule(string rule) => text.Append($"-A {Chain} {rule}\n");

        Rule("-m conntrack --ctstate ESTABLISHED,RELATED -j RETURN");
        // Within its own bridge a team's containers talk freely; between bridges the engine's isolation chains drop it.
        Rule("-o jl-+ -j RETURN");
        // Docker's embedded DNS forwards each name lookup from the container's own network namespace, so the server's
        // resolvers must stay reachable even when they sit on a private address.
        foreach (var resolver in resolvers.Distinct())
            foreach (var protocol in new[] { "udp", "tcp" })
                Rule($"-d {resolver}/32 -p {protocol} --dport 53 -j RETURN");
        foreach (var destination in allowed)
            if (destination.Port is { } port)
                foreach (var protocol in new[] { "tcp", "udp" })
                    Rule($"-d {destination.Range} -p {protocol} --dport {port} -j RETURN");
            else
                Rule($"-d {destination.Range} -j RETURN");
        Rule($"-p tcp -m multiport --dports {string.Join(',', SmtpPorts)} -j REJECT --reject-with tcp-reset");
        foreach (var range in Blocked.Concat(localNetworks.Where(n => !Blocked.Any(b => Covers(b, n)))).Distinct())
        {
            // A reset makes a TCP connect fail at once with "connection refused", instead of waiting for a timeout.
            Rule($"-d {range} -p tcp -j REJECT --reject-with tcp-reset");
            Rule($"-d {range} -j REJECT --reject-with icmp-net-prohibited");
        }
        return text.Append("COMMIT\n").ToString();
    }

    private static bool Covers(Ipv4Subnet outer, Ipv4Subnet inner) => outer.Prefix <= inner.Prefix && outer.Contains(inner.Network);
}
