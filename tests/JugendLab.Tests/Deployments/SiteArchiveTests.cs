using System.Formats.Tar;
using System.Text;
using JugendLab.Orchestrator.Deployments;
using JugendLab.Orchestrator.Errors;

namespace JugendLab.Tests.Deployments;

public sealed class SiteArchiveTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("site-archive-").FullName;

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    [Fact]
    public void Extract_SymlinkToEtcPasswd_IsSkipped_AndNoLinkIsWritten()
    {
        var tar = Tar(File("index.html", "<h1>hi</h1>"), Link(TarEntryType.SymbolicLink, "passwd.html", "/etc/passwd"));

        var result = SiteArchive.Extract(tar, _folder, long.MaxValue);

        Assert.True(System.IO.File.Exists(Path.Combine(_folder, "index.html")));
        Assert.False(Path.Exists(Path.Combine(_folder, "passwd.html")));
        Assert.Contains(result.Skipped, s => s is { Name: "passwd.html", Reason: SkipReason.Link });
        Assert.DoesNotContain(Directory.EnumerateFileSystemEntries(_folder, "*", SearchOption.AllDirectories),
            p => new FileInfo(p).LinkTarget is not null);
    }

    [Fact]
    public void Extract_SymlinkedFolderOutOfTheProject_IsSkipped()
    {
        var tar = Tar(File("index.html", "x"), Link(TarEntryType.SymbolicLink, "up", "../../"));

        var result = SiteArchive.Extract(tar, _folder, long.MaxValue);

        Assert.False(Path.Exists(Path.Combine(_folder, "up")));
        Assert.Contains(result.Skipped, s => s is { Name: "up", Reason: SkipReason.Link });
    }

    [Fact]
    public void Extract_Hardlink_IsSkipped()
    {
        var tar = Tar(File("index.html", "x"), Link(TarEntryType.HardLink, "copy.html", "index.html"));

        var result = SiteArchive.Extract(tar, _folder, long.MaxValue);

        Assert.False(Path.Exists(Path.Combine(_folder, "copy.html")));
        Assert.Contains(result.Skipped, s => s is { Name: "copy.html", Reason: SkipReason.Link });
    }

    [Fact]
    public void Extract_DeviceEntry_IsSkipped()
    {
        var device = new PaxTarEntry(TarEntryType.CharacterDevice, "null") { DeviceMajor = 1, DeviceMinor = 3 };

        var result = SiteArchive.Extract(Tar(File("index.html", "x"), device), _folder, long.MaxValue);

        Assert.False(Path.Exists(Path.Combine(_folder, "null")));
        Assert.Contains(result.Skipped, s => s is { Name: "null", Reason: SkipReason.NotAPlainFile });
    }

    [Theory]
    [InlineData("../escaped.html")]
    [InlineData("a/../../escaped.html")]
    [InlineData("/tmp/escaped.html")]
    [InlineData("./index2.html")]
    [InlineData("dir\\..\\escaped.html")]
    public void Extract_NameThatCouldLeaveTheFolder_IsSkipped(string name)
    {
        var tar = Tar(File("index.html", "x"), File(name, "evil"));

        var result = SiteArchive.Extract(tar, _folder, long.MaxValue);

        Assert.Contains(result.Skipped, s => s.Name == name.TrimEnd('/') && s.Reason == SkipReason.UnsafeName);
        Assert.Equal(["index.html"], Directory.EnumerateFileSystemEntries(_folder, "*", SearchOption.AllDirectories)
            .Select(p => Path.GetRelativePath(_folder, p)));
        Assert.False(System.IO.File.Exists(Path.Combine(Path.GetDirectoryName(_folder)!, "escaped.html")));
    }

    [Fact]
    public void Extract_WithPublicFolder_ServesOnlyWhatIsInIt()
    {
        var tar = Tar(Folder("public/"), File("public/index.html", "public"), File("public/css/site.css", "b{}"),
            File("index.html", "root"), File("secret-notes.txt", "not for the web"));

        var result = SiteArchive.Extract(tar, _folder, long.MaxValue);

        Assert.True(result.FromPublic);
        Assert.Equal("public", System.IO.File.ReadAllText(Path.Combine(_folder, "index.html")));
        Assert.True(System.IO.File.Exists(Path.Combine(_folder, "css", "site.css")));
        Assert.False(System.IO.File.Exists(Path.Combine(_folder, "secret-notes.txt")));
        Assert.Equal(2, result.Files);
    }

    [Fact]
    public void Extract_WithoutPublicFolder_ServesTheWholeRepository()
    {
        var tar = Tar(File("index.html", "root"), Folder("img/"), File("img/cat.png", "png"));

        var result = SiteArchive.Extract(tar, _folder, long.MaxValue);

        Assert.False(result.FromPublic);
        Assert.Equal("root", System.IO.File.ReadAllText(Path.Combine(_folder, "index.html")));
        Assert.True(System.IO.File.Exists(Path.Combine(_folder, "img", "cat.png")));
    }

    [Fact]
    public void Extract_PublicThatIsALink_DoesNotCountAsThePublicFolder()
    {
        var tar = Tar(File("index.html", "root"), Link(TarEntryType.SymbolicLink, "public", "/etc"));

        var result = SiteArchive.Extract(tar, _folder, long.MaxValue);

        Assert.False(result.FromPublic);
        Assert.Equal("root", System.IO.File.ReadAllText(Path.Combine(_folder, "index.html")));
    }

    [Fact]
    public void Extract_HiddenFiles_AreLeftOut_ButWellKnownIsKept()
    {
        var tar = Tar(File("index.html", "x"), File(".env", "SECRET=1"), Folder(".git/"), File(".git/config", "[core]"),
            File("css/.hidden.css", "x"), Folder(".well-known/"), File(".well-known/security.txt", "Contact: x"));

        var result = SiteArchive.Extract(tar, _folder, long.MaxValue);

        Assert.False(System.IO.File.Exists(Path.Combine(_folder, ".env")));
        Assert.False(Directory.Exists(Path.Combine(_folder, ".git")));
        Assert.False(System.IO.File.Exists(Path.Combine(_folder, "css", ".hidden.css")));
        Assert.True(System.IO.File.Exists(Path.Combine(_folder, ".well-known", "security.txt")));
        Assert.Contains(result.Skipped, s => s is { Name: ".env", Reason: SkipReason.Hidden });
    }

    [Fact]
    public void Extract_FilesOverTheLimit_FailNamingIt()
    {
        var tar = Tar(File("index.html", new string('x', 600)), File("big.bin", new string('y', 600)));

        var refusal = Assert.Throws<DomainException>(() => SiteArchive.Extract(tar, _folder, 1000));

        Assert.Equal(ErrorKind.TooLarge, refusal.Kind);
    }

    [Fact]
    public void LogLines_NameTheSkippedLink_InBothLanguages()
    {
        var result = SiteArchive.Extract(Tar(File("index.html", "x"), Link(TarEntryType.SymbolicLink, "p", "/etc/passwd")),
            _folder, long.MaxValue);

        var lines = result.LogLines().ToList();

        Assert.Contains(lines, l => l.German.Contains("p ist eine Verknüpfung") && l.English.Contains("p is a link"));
    }

    private static PaxTarEntry File(string name, string text) =>
        new(TarEntryType.RegularFile, name) { DataStream = new MemoryStream(Encoding.UTF8.GetBytes(text)) };

    private static PaxTarEntry Folder(string name) => new(TarEntryType.Directory, name);

    private static PaxTarEntry Link(TarEntryType type, string name, string target) => new(type, name) { LinkName = target };

    private static byte[] Tar(params TarEntry[] entries)
    {
        var output = new MemoryStream();
        using (var writer = new TarWriter(output, TarEntryFormat.Pax, leaveOpen: true))
            foreach (var entry in entries) writer.WriteEntry(entry);
        return output.ToArray();
    }
}
