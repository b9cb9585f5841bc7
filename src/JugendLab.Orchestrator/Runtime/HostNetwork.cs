using System.Net;
using System.Net.Sockets;

namespace JugendLab.Orchestrator.Runtime;

/// <summary>Reads what the egress rules need to know about the server: its DNS resolvers and the networks it is attached to (its LAN).</summary>
public static class HostNetwork
{
    /// <summary>IPv4 "nameserver" lines of a resolv.conf. Loopback ones (a local stub) are left out: the engine does not forward to them.</summary>
    public static IReadOnlyList<IPAddress> Resolvers(string resolvConf) =>
        resolvConf.Split('\n')
            .Select(line => line.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries))
            .Where(words => words.Length >= 2 && words[0] == "nameserver")
            .Select(words => IPAddress.TryParse(words[1], out var a) ? a : null)
            .OfType<IPAddress>()
            .Where(a => a.AddressFamily == AddressFamily.InterNetwork && !IPAddress.IsLoopback(a))
            .Distinct().ToList();

    /// <summary>
    /// Networks the server reaches directly, without a router, from /proc/net/route (the kernel's main routing table): its LAN.
    /// The default route, loopback and our own "jl-" bridges are left out.
    /// </summary>
    public static IReadOnlyList<Ipv4Subnet> OnLinkNetworks(string procNetRoute)
    {
        var result = new List<Ipv4Subnet>();
        foreach (var line in procNetRoute.Split('\n').Skip(1))
        {
            // Iface Destination Gateway Flags RefCnt Use Metric Mask ...; addresses in hex, in the machine's byte order.
            var f = line.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries);
            if (f.Length < 8 || f[0] == "lo" || f[0].StartsWith("jl-", StringComparison.Ordinal)) continue;
            if (!TryHex(f[1], out var destination) || !TryHex(f[2], out var gateway) || !TryHex(f[7], out var mask)) continue;
            if (gateway != 0 || mask == 0) continue;
            var prefix = System.Numerics.BitOperations.PopCount(mask);
            result.Add(new Ipv4Subnet(destination, prefix));
        }
        return result.Distinct().ToList();
    }

    private static bool TryHex(string hex, out uint address)
    {
        address = 0;
        if (!uint.TryParse(hex, System.Globalization.NumberStyles.HexNumber, null, out var raw)) return false;
        // The kernel printed the address's bytes read as one number in the machine's byte order; reading them back the same way restores them.
        address = Ipv4Subnet.ToNumber(new IPAddress(BitConverter.GetBytes(raw)));
        return true;
    }
}
