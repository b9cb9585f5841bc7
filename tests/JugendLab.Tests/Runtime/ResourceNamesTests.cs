using JugendLab.Orchestrator.Configuration;
using JugendLab.Orchestrator.Runtime;
using Microsoft.Extensions.Options;

namespace JugendLab.Tests.Runtime;

public sealed class ResourceNamesTests
{
    private readonly ResourceNames _names = new(Options.Create(new OrchestratorOptions { Instance = "main" }));

    [Fact]
    public void Network_FitsALinuxBridgeName_AndStartsWithTheFirewallPrefix()
    {
        var name = _names.Network(99_999);
        Assert.True(name.Length <= 15, name);
        Assert.StartsWith("jl-", name);
    }

    [Fact]
    public void Image_RoundTripsThroughItsName() =>
        Assert.Equal(("kiez-radio", 42), _names.ParseImage(_names.Image("kiez-radio", 42)));

    [Theory]
    [InlineData("jugendlab-test/kiez-radio:42")]
    [InlineData("jugendlab/static:latest")]
    [InlineData("jugendlab-main/kiez-radio:latest")]
    public void ParseImage_OtherInstancesAndBaseImages_AreNotOurs(string tag) => Assert.Null(_names.ParseImage(tag));

    [Fact]
    public void Labels_NameTheInstanceTeamProjectAndDeployment()
    {
        var labels = _names.Labels(1, 2, 3);
        Assert.Equal("main", labels[ContainerLabels.Managed]);
        Assert.Equal("1", labels[ContainerLabels.Team]);
        Assert.Equal("2", labels[ContainerLabels.Project]);
        Assert.Equal("3", labels[ContainerLabels.Deployment]);
    }
}
