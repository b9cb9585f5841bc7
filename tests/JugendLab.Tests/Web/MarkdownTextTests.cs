using JugendLab.Web.Pages;

namespace JugendLab.Tests.Web;

/// <summary>A team's showcase description is shown to everyone: its Markdown may format, never script.</summary>
public sealed class MarkdownTextTests
{
    private static string Html(string markdown) => MarkdownText.Render(markdown).ToString()!;

    [Fact]
    public void Formatting_ListsAndWebLinks_AreKept()
    {
        var html = Html("Ein **Quiz** für das *Quartierfest*:\n\n- Fragen\n- Punkte\n\n[Quartierverein](https://example.org/verein)");
        Assert.Contains("<strong>Quiz</strong>", html);
        Assert.Contains("<em>Quartierfest</em>", html);
        Assert.Contains("<li>Fragen</li>", html);
        Assert.Contains("<a href=\"https://example.org/verein\" rel=\"nofollow noopener\">Quartierverein</a>", html);
    }

    [Theory]
    [InlineData("<script>alert(1)</script>")]
    [InlineData("<img src=x onerror=alert(1)>")]
    [InlineData("[klick](javascript:alert(1))")]
    [InlineData("<a href=\"javascript:alert(1)\">klick</a>")]
    [InlineData("[klick](data:text/html,<script>alert(1)</script>)")]
    [InlineData("<iframe src=\"https://example.org\"></iframe>")]
    public void NothingThatRunsOrLoads_SurvivesIt(string markdown)
    {
        var html = Html(markdown);
        // What is left of raw HTML is text (&lt;script&gt;…), shown but never run: no such tag, no such attribute in a tag.
        Assert.DoesNotContain("<script", html);
        Assert.DoesNotContain("<img", html);
        Assert.DoesNotContain("<iframe", html);
        Assert.DoesNotMatch("<[^>]*onerror", html);
        Assert.DoesNotMatch("<a [^>]*href=\"(javascript|data):", html);
    }

    [Fact]
    public void AnImage_BecomesItsText_AndLoadsNothing()
    {
        var html = Html("![Unser Logo](https://example.org/logo.png)");
        Assert.DoesNotContain("<img", html);
        Assert.Contains("Unser Logo", html);
    }

    [Fact]
    public void NoDescription_IsNothing() => Assert.Equal("", Html("  "));
}
