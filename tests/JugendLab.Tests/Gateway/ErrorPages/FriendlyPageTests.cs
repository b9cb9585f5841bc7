using JugendLab.Gateway.ErrorPages;

namespace JugendLab.Tests.Gateway.ErrorPages;

public sealed class FriendlyPageTests
{
    private const string ReportUrl = "http://lab.localhost:8080/melden/garden";

    public static TheoryData<string> AllPages => new() { "ProjectNotFound", "NotDeployed", "Stopped", "Crashed", "NotAnswering", "UnderReview" };
    public static TheoryData<string> PagesOfProjects => new() { "NotDeployed", "Stopped", "Crashed", "NotAnswering", "UnderReview" };

    // Kestrel refuses host names with markup characters (400), so this is checked on the page itself: the encoding is
    // the defence that does not depend on which server sits in front.
    [Fact]
    public void SlugIsHtmlEncodedInPage()
    {
        var html = FriendlyPages.ProjectNotFound.Render("<script>alert(1)</script>", "http://lab.localhost:8080/melden/x");

        Assert.Contains("&lt;script&gt;alert(1)&lt;/script&gt;", html);
        Assert.DoesNotContain("<script", html);
    }

    [Theory]
    [MemberData(nameof(AllPages))]
    public void Page_NamesTheProjectInGermanFirstThenEnglish(string name)
    {
        var html = PageNamed(name).Render("garden", ReportUrl);

        var german = html.IndexOf("<section>", StringComparison.Ordinal);
        var english = html.IndexOf("<section class=\"en\" lang=\"en\">", StringComparison.Ordinal);
        Assert.InRange(german, 0, english);
        Assert.Contains("<strong>garden</strong>", html[german..english]);
        Assert.Contains("<strong>garden</strong>", html[english..]);
    }

    [Theory]
    [MemberData(nameof(AllPages))]
    public void Page_LoadsNothingFromElsewhere_AndLinksOnlyToTheReportPage(string name)
    {
        var html = PageNamed(name).Render("garden", ReportUrl);

        Assert.DoesNotContain("src=", html);
        Assert.DoesNotContain("url(", html);
        Assert.DoesNotContain("<script", html);
        Assert.All(System.Text.RegularExpressions.Regex.Matches(html, "href=\"([^\"]*)\"").Select(m => m.Groups[1].Value),
            href => Assert.Equal(ReportUrl, href));
    }

    [Theory]
    [MemberData(nameof(PagesOfProjects))]
    public void PageOfAProject_OffersProblemMelden_OnThePlatformsAddress(string name)
    {
        var html = PageNamed(name).Render("garden", ReportUrl);

        Assert.Contains($"<a href=\"{ReportUrl}\">Problem melden</a>", html);
    }

    [Fact]
    public void NoSuchProject_OffersNoReportLink() =>
        Assert.DoesNotContain("melden", FriendlyPages.ProjectNotFound.Render("garden", ReportUrl));

    [Fact]
    public void UnderReview_IsNeutral_ItBlamesNobody()
    {
        var html = FriendlyPages.UnderReview.Render("garden", ReportUrl);
        Assert.Contains("wird gerade überprüft", html);
        Assert.DoesNotContain("verboten", html);
        Assert.DoesNotContain("gesperrt", html);
    }

    private static FriendlyPage PageNamed(string name) => name switch
    {
        "ProjectNotFound" => FriendlyPages.ProjectNotFound,
        "NotDeployed" => FriendlyPages.NotDeployed,
        "Stopped" => FriendlyPages.Stopped,
        "Crashed" => FriendlyPages.Crashed,
        "NotAnswering" => FriendlyPages.NotAnswering,
        "UnderReview" => FriendlyPages.UnderReview,
        _ => throw new ArgumentOutOfRangeException(nameof(name)),
    };
}
