using JugendLab.Gateway.ErrorPages;

namespace JugendLab.Tests.Gateway.ErrorPages;

public sealed class FriendlyPageTests
{
    public static TheoryData<string> AllPages => new() { "ProjectNotFound", "NotDeployed", "Stopped", "Crashed", "NotAnswering" };

    // Kestrel refuses host names with markup characters (400), so this is checked on the page itself: the encoding is
    // the defence that does not depend on which server sits in front.
    [Fact]
    public void SlugIsHtmlEncodedInPage()
    {
        var html = FriendlyPages.ProjectNotFound.Render("<script>alert(1)</script>");

        Assert.Contains("&lt;script&gt;alert(1)&lt;/script&gt;", html);
        Assert.DoesNotContain("<script", html);
    }

    [Theory]
    [MemberData(nameof(AllPages))]
    public void Page_NamesTheProjectInGermanFirstThenEnglish(string name)
    {
        var html = PageNamed(name).Render("garden");

        var german = html.IndexOf("<section>", StringComparison.Ordinal);
        var english = html.IndexOf("<section class=\"en\" lang=\"en\">", StringComparison.Ordinal);
        Assert.InRange(german, 0, english);
        Assert.Contains("<strong>garden</strong>", html[german..english]);
        Assert.Contains("<strong>garden</strong>", html[english..]);
    }

    [Theory]
    [MemberData(nameof(AllPages))]
    public void Page_LoadsNothingFromElsewhere(string name)
    {
        var html = PageNamed(name).Render("garden");

        Assert.DoesNotContain("src=", html);
        Assert.DoesNotContain("href=", html);
        Assert.DoesNotContain("url(", html);
        Assert.DoesNotContain("<script", html);
    }

    private static FriendlyPage PageNamed(string name) => name switch
    {
        "ProjectNotFound" => FriendlyPages.ProjectNotFound,
        "NotDeployed" => FriendlyPages.NotDeployed,
        "Stopped" => FriendlyPages.Stopped,
        "Crashed" => FriendlyPages.Crashed,
        "NotAnswering" => FriendlyPages.NotAnswering,
        _ => throw new ArgumentOutOfRangeException(nameof(name)),
    };
}
