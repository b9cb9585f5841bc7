using System.Xml.Linq;
using JugendLab.Web.Pages.Konto;

namespace JugendLab.Tests.Web;

/// <summary>The line "Mein Profil" shows after saving promises an invitation only when the chat is on.</summary>
public sealed class ProfileSavedMessageTests
{
    [Fact]
    public void Linked_WithTheChatOn_SaysTheInvitationComesWithinAMinute()
    {
        var key = ProfilModel.SavedMessageKey("@mia:lab.localhost", chatEnabled: true);

        Assert.Equal("ProfileMatrixSaved", key);
        Assert.Contains("innerhalb einer Minute", German(key));
    }

    [Fact]
    public void Linked_WithTheChatOff_SaysNoInvitationComesYet()
    {
        var key = ProfilModel.SavedMessageKey("@mia:lab.localhost", chatEnabled: false);

        Assert.Equal("ProfileMatrixSavedChatOff", key);
        Assert.Contains("ausgeschaltet", German(key));
    }

    [Fact]
    public void Unlinked_SaysTheLinkIsRemoved_WhetherTheChatIsOnOrOff()
    {
        Assert.Equal("ProfileMatrixUnlinked", ProfilModel.SavedMessageKey(null, chatEnabled: true));
        Assert.Equal("ProfileMatrixUnlinked", ProfilModel.SavedMessageKey(null, chatEnabled: false));
        Assert.Contains("Verknüpfung ist gelöst", German("ProfileMatrixUnlinked"));
    }

    private static string German(string key)
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "JugendLab.sln"))) dir = dir.Parent;
        var file = Path.Combine(dir!.FullName, "src", "JugendLab.Web", "Resources", "SharedResource.resx");
        return XDocument.Load(file).Root!.Elements("data").Single(d => d.Attribute("name")!.Value == key).Element("value")!.Value;
    }
}
