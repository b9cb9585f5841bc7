using System.Xml.Linq;

namespace JugendLab.Tests.Web;

/// <summary>The web app's texts: every German text has its English one, and the German follows UI.md (Swiss spelling).</summary>
public sealed class TextResourcesTests
{
    private static readonly string Folder = Path.Combine(RepositoryRoot(), "src", "JugendLab.Web", "Resources");

    [Fact]
    public void GermanAndEnglish_HaveTheSameTexts()
    {
        var german = Texts("SharedResource.resx");
        var english = Texts("SharedResource.en.resx");

        Assert.Equal(german.Keys.Order(), english.Keys.Order());
        Assert.All(english, e => Assert.False(string.IsNullOrWhiteSpace(e.Value), e.Key));
    }

    [Fact]
    public void German_UsesSwissSpelling_WithoutEszett() =>
        Assert.All(Texts("SharedResource.resx"), t => Assert.DoesNotContain("ß", t.Value));

    private static Dictionary<string, string> Texts(string file) =>
        XDocument.Load(Path.Combine(Folder, file)).Root!.Elements("data")
            .ToDictionary(d => d.Attribute("name")!.Value, d => d.Element("value")!.Value);

    private static string RepositoryRoot()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "JugendLab.sln"))) dir = dir.Parent;
        return dir?.FullName ?? throw new InvalidOperationException("JugendLab.sln not found above " + AppContext.BaseDirectory);
    }
}
