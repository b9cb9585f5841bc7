using System.Net;
using System.Net.Sockets;

namespace JugendLab.Orchestrator.Reports;

/// <summary>
/// What is kept of a reporter's address: IPv4 without its last part (a /24), IPv6 without its last 80 bits (a /48).
/// Enough to count distinct reporters and to limit floods; not enough to tell which household it was.
/// </summary>
public static class ReporterAddress
{
    public static string Shorten(IPAddress? address)
    {
        if (address is null) return "unknown";
        if (address.IsIPv4MappedToIPv6) address = address.MapToIPv4();
        var bytes = address.GetAddressBytes();
        if (address.AddressFamily == AddressFamily.InterNetwork)
        {
            bytes[3] = 0;
            return new IPAddress(bytes) + "/24";
        }
        Array.Clear(bytes, 6, 10);
        return new IPAddress(bytes) + "/48";
    }
}
