using JugendLab.Orchestrator.Configuration;

namespace JugendLab.Tests.Configuration;

public sealed class DomainOptionsTests
{
    [Fact]
    public void WithoutProjectsBase_ProjectsAreSubdomainsOfThePlatform()
    {
        var domain = new DomainOptions { Base = "lab.example.org", PublicUrl = "https://lab.example.org" };

        Assert.Equal("https://radio.lab.example.org/", domain.ProjectUrl("radio"));
        Assert.Equal("radio", domain.SlugOf("radio.lab.example.org"));
    }

    [Fact]
    public void WithProjectsBase_ProjectsLiveUnderTheOtherDomain_AndNotUnderThePlatforms()
    {
        var domain = new DomainOptions { Base = "lab.example.org", PublicUrl = "https://lab.example.org", ProjectsBase = "example-projekte.org" };

        Assert.Equal("https://radio.example-projekte.org/", domain.ProjectUrl("radio"));
        Assert.Equal("radio", domain.SlugOf("Radio.example-projekte.org"));
        Assert.Null(domain.SlugOf("radio.lab.example.org"));
        Assert.True(domain.IsPlatformHost("lab.example.org"));
        Assert.Null(domain.SlugOf("example-projekte.org"));
    }

    [Fact]
    public void SlugOf_RefusesDeeperNames()
    {
        var domain = new DomainOptions { Base = "lab.localhost", ProjectsBase = "p.localhost" };

        Assert.Null(domain.SlugOf("a.b.p.localhost"));
    }
}
