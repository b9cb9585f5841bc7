using System.Net;
using System.Net.Sockets;

namespace JugendLab.Orchestrator.Runtime;

/// <summary>An IPv4 network such as 10.200.0.0/16: the address arithmetic behind subnet allocation and the egress rules.</summary>
public readonly record struct Ipv4Subnet
{
    public Ipv4Subnet(uint network, int prefix)
    {
        if (prefix is < 0 or > 32) throw new ArgumentOutOfRangeException(nameof(prefix), prefix, "An IPv4 prefix is 0 to 32.");
        Prefix = prefix;
        Network = network & MaskOf(prefix);
    }

    /// <summary>The first address, as a number (10.0.0.0 is 0x0A000000).</summary>
    public uint Network { get; }

    public int Prefix { get; }

    /// <summary>Number of addresses; a ulong because /0 has 2^32.</summary>
    public ulong Size => 1UL << (32 - Prefix);

    public uint Last => (uint)(Network + Size - 1);

    /// <summary>The first host address, which Docker makes the bridge's (the host's) own address.</summary>
    public IPAddress Gateway => ToAddress(Network + 1);

    public bool Contains(uint address) => address >= Network && address <= Last;

    public bool Overlaps(Ipv4Subnet other) => Network <= other.Last && other.Network <= Last;

    public override string ToString() => $"{ToAddress(Network)}/{Prefix}";

    /// <summary>Parses "a.b.c.d/p" (or a bare address as /32). Host bits must be zero, so a typo like 10.200.0.5/16 is caught.</summary>
    public static bool TryParse(string? text, out Ipv4Subnet subnet)
    {
        subnet = default;
        if (string.IsNullOrWhiteSpace(text)) return false;
        var parts = text.Trim().Split('/');
        if (parts.Length > 2 || !IPAddress.TryParse(parts[0], out var address) || address.AddressFamily != AddressFamily.InterNetwork)
            return false;
        var prefix = 32;
        if (parts.Length == 2 && (!int.TryParse(parts[1], out prefix) || prefix is < 0 or > 32)) return false;
        var number = ToNumber(address);
        if ((number & ~MaskOf(prefix)) != 0) return false;
        subnet = new Ipv4Subnet(number, prefix);
        return true;
    }

    public static Ipv4Subnet Parse(string text) =>
        TryParse(text, out var subnet) ? subnet : throw new FormatException($"'{text}' is not an IPv4 network like 10.200.0.0/16.");

    public static uint ToNumber(IPAddress address)
    {
        var bytes = address.GetAddressBytes();
        if (bytes.Length != 4) throw new ArgumentException($"{address} is not an IPv4 address.", nameof(address));
        return (uint)bytes[0] << 24 | (uint)bytes[1] << 16 | (uint)bytes[2] << 8 | bytes[3];
    }

    public static IPAddress ToAddress(uint number) =>
        new([(byte)(number >> 24), (byte)(number >> 16), (byte)(number >> 8), (byte)number]);

    private static uint MaskOf(int prefix) => prefix == 0 ? 0 : uint.MaxValue << (32 - prefix);
}
