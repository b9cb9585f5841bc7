using System.Net;
using JugendLab.Gateway.Routing;
using Microsoft.AspNetCore.Http;

namespace JugendLab.Tests.Gateway.Routing;

public sealed class ClientAddressesTests
{
    private static readonly HashSet<IPAddress> Proxy = [IPAddress.Parse("127.0.0.1")];

    [Theory]
    [InlineData("127.0.0.1", "203.0.113.9", "203.0.113.9")]                   // the admin's proxy names the visitor
    [InlineData("127.0.0.1", "10.1.1.1, 203.0.113.9", "203.0.113.9")]         // what the visitor wrote before is ignored
    [InlineData("::ffff:127.0.0.1", "2001:db8::7", "2001:db8::7")]            // the proxy over IPv6-mapped IPv4
    [InlineData("127.0.0.1", "not an address", "127.0.0.1")]
    [InlineData("127.0.0.1", "", "127.0.0.1")]
    [InlineData("198.51.100.4", "203.0.113.9", "198.51.100.4")]               // anyone else's header counts for nothing
    public void TheVisitor_IsTheLastForwardedAddress_OnlyFromATrustedProxy(string connection, string forwarded, string expected)
    {
        var http = new DefaultHttpContext();
        http.Connection.RemoteIpAddress = IPAddress.Parse(connection);
        if (forwarded.Length > 0) http.Request.Headers["X-Forwarded-For"] = forwarded;

        var address = ClientAddresses.Of(http, Proxy);

        Assert.Equal(IPAddress.Parse(expected).ToString(), (address!.IsIPv4MappedToIPv6 ? address.MapToIPv4() : address).ToString());
    }

    [Fact]
    public void WithoutTrustedProxies_TheHeaderIsIgnored()
    {
        var http = new DefaultHttpContext();
        http.Connection.RemoteIpAddress = IPAddress.Loopback;
        http.Request.Headers["X-Forwarded-For"] = "203.0.113.9";

        Assert.Equal(IPAddress.Loopback, ClientAddresses.Of(http, new HashSet<IPAddress>()));
    }
}
