using JugendLab.Orchestrator.Configuration;
using JugendLab.Orchestrator.Runtime;

namespace JugendLab.Tests.Runtime;

public sealed class NetworkOptionsTests
{
    [Fact]
    public void Defaults_AreValid() => Assert.Empty(new NetworkOptions().Problems());

    [Theory]
    [InlineData("10.200.0.0/16", 27, 24, "10.1.2.3:3128", null)]
    [InlineData("10.200.0.5/16", 27, 24, "", "Pool")]
    [InlineData("10.200.0.0/16", 30, 24, "", "SubnetPrefix")]
    [InlineData("10.200.0.0/24", 27, 20, "", "BuildSubnetPrefix")]
    [InlineData("10.200.0.0/16", 27, 24, "10.1.2.3:99999", "AllowedDestinations")]
    [InlineData("10.200.0.0/16", 27, 24, "mirror.lan:3128", "AllowedDestinations")]
    public void Problems_NameTheSettingToFix(string pool, int prefix, int buildPrefix, string allowed, string? setting)
    {
        var options = new NetworkOptions { Pool = pool, SubnetPrefix = prefix, BuildSubnetPrefix = buildPrefix, AllowedDestinations = allowed.Length > 0 ? [allowed] : [] };
        var problems = options.Problems().ToList();
        if (setting is null) Assert.Empty(problems);
        else Assert.Contains(problems, p => p.Contains(setting));
    }

    [Theory]
    [InlineData("10.1.2.3:3128", "10.1.2.3/32", 3128)]
    [InlineData("10.1.2.0/24", "10.1.2.0/24", null)]
    [InlineData("10.1.2.0/24:8080", "10.1.2.0/24", 8080)]
    public void AllowedDestination_ReadsAddressRangeAndPort(string text, string range, int? port)
    {
        Assert.True(AllowedDestination.TryParse(text, out var d));
        Assert.Equal(range, d.Range.ToString());
        Assert.Equal(port, d.Port);
    }
}
