using System.Xml.Linq;
using JugendLab.Orchestrator.Projects;
using JugendLab.Web.Pages.Betreuung;

namespace JugendLab.Tests.Web;

/// <summary>Betreuung › Projekte: every status has its word (for the table and for the filter) and a colour class.</summary>
public sealed class OverviewStatusTextTests
{
    [Fact]
    public void EveryStatus_HasItsTexts_AndACssClass()
    {
        var keys = TextKeys();

        Assert.All(Enum.GetValues<OverviewStatus>(), status =>
        {
            Assert.Contains(status.Key(), keys);
            Assert.Contains(status.FilterKey(), keys);
            Assert.StartsWith("status-", status.CssClass());
        });
    }

    [Fact]
    public void EveryRelativeTime_HasItsText()
    {
        var keys = TextKeys();
        var now = DateTimeOffset.UnixEpoch.AddYears(50);

        Assert.All(new[] { 0, 1, 2, 60, 120, 1440, 2880 }.Select(m => JugendLab.Web.Pages.RelativeTime.Of(now.AddMinutes(-m), now).Key),
            key => Assert.Contains(key, keys));
    }

    private static HashSet<string> TextKeys()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "JugendLab.sln"))) dir = dir.Parent;
        var resx = Path.Combine(dir!.FullName, "src", "JugendLab.Web", "Resources", "SharedResource.resx");
        return XDocument.Load(resx).Root!.Elements("data").Select(d => d.Attribute("name")!.Value).ToHashSet();
    }
}
