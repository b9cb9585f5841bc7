using JugendLab.Orchestrator.Routing;

namespace JugendLab.Tests.Routing;

public sealed class RouteTableTests
{
    [Fact]
    public void Publisher_SwapsWholeSnapshots_OldReadersKeepTheirs()
    {
        var publisher = new RoutePublisher();
        publisher.Set(new ProjectRoute("radio", RouteState.Live, "http://172.18.0.2:8080/"));
        var before = publisher.Current;

        publisher.Set(new ProjectRoute("radio", RouteState.Live, "http://172.18.0.3:8080/"));

        Assert.Equal("http://172.18.0.2:8080/", before.Find("radio")!.Destination);
        Assert.Equal("http://172.18.0.3:8080/", publisher.Current.Find("radio")!.Destination);
    }

    [Fact]
    public void Publisher_SettingAnUnchangedRoute_KeepsTheSnapshot()
    {
        var publisher = new RoutePublisher();
        publisher.Set(new ProjectRoute("kiez", RouteState.Live, SiteRoot: "/srv/data/sites/7/"));
        var before = publisher.Current;

        publisher.Set(new ProjectRoute("kiez", RouteState.Live, SiteRoot: "/srv/data/sites/7/"));
        var unchanged = publisher.Current;
        publisher.Set(new ProjectRoute("kiez", RouteState.Live, SiteRoot: "/srv/data/sites/8/"));

        Assert.Same(before, unchanged);
        Assert.Equal("/srv/data/sites/8/", publisher.Current.Find("kiez")!.SiteRoot);
    }

    [Fact]
    public void Find_IgnoresCase() =>
        Assert.NotNull(RouteTable.From([new ProjectRoute("radio", RouteState.Stopped)]).Find("RADIO"));

    [Fact]
    public void Remove_DropsTheRoute()
    {
        var publisher = new RoutePublisher();
        publisher.Set(new ProjectRoute("radio", RouteState.NotDeployed));
        publisher.Remove("radio");
        Assert.Null(publisher.Current.Find("radio"));
    }
}
