using System.Net;
using JugendLab.Orchestrator.Reports;

namespace JugendLab.Tests.Reports;

/// <summary>What is kept of a reporter's address: enough to tell reporters apart, not enough to find a household.</summary>
public sealed class ReporterAddressTests
{
    [Theory]
    [InlineData("203.0.113.77", "203.0.113.0/24")]
    [InlineData("::ffff:198.51.100.20", "198.51.100.0/24")]
    [InlineData("2001:db8:1234:5678:9abc::1", "2001:db8:1234::/48")]
    public void Shorten_DropsTheHouseholdPart(string address, string kept) =>
        Assert.Equal(kept, ReporterAddress.Shorten(IPAddress.Parse(address)));

    [Fact]
    public void NoAddress_IsUnknown() => Assert.Equal("unknown", ReporterAddress.Shorten(null));
}
