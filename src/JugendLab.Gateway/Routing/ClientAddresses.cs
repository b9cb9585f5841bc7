using System.Net;
using Microsoft.AspNetCore.Http;

namespace JugendLab.Gateway.Routing;

/// <summary>
/// Who is asking: the connection's own address, or — when that is a reverse proxy the admin named
/// (<c>JugendLab:SignIn:TrustedProxies</c>) — the address the proxy puts last in X-Forwarded-For. Anyone can write
/// that header, so it counts only from a trusted proxy. Sign-in limits, reports, and what projects and the homeserver
/// are told all use this one answer.
/// </summary>
public static class ClientAddresses
{
    public static IPAddress? Of(HttpContext http, IReadOnlySet<IPAddress> trustedProxies)
    {
        var address = http.Connection.RemoteIpAddress;
        if (address is not null && trustedProxies.Count > 0 && trustedProxies.Contains(address.IsIPv4MappedToIPv6 ? address.MapToIPv4() : address))
            address = ForwardedFor(http) ?? address;
        return address;
    }

    private static IPAddress? ForwardedFor(HttpContext http)
    {
        // The proxy appends the address it saw: the LAST entry is the one it vouches for, earlier ones the client wrote.
        var last = http.Request.Headers["X-Forwarded-For"].ToString().Split(',').LastOrDefault()?.Trim();
        return IPAddress.TryParse(last, out var address) ? address : null;
    }
}
