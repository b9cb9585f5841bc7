using System.Text;
using JugendLab.Web.Git;

namespace JugendLab.Tests.Git;

public sealed class GitHttpBackendCgiHeadersTests
{
    [Fact]
    public void FindBodyStart_CrLfBlankLine_PointsPastIt()
    {
        var output = "Content-Type: text/plain\r\n\r\nbody"u8;

        var bodyStart = GitHttpBackendCgiHeaders.FindBodyStart(output);

        Assert.Equal("body", Encoding.ASCII.GetString(output[bodyStart..]));
    }

    [Fact]
    public void FindBodyStart_LfBlankLine_PointsPastIt()
    {
        var output = "Content-Type: text/plain\n\nbody"u8;

        var bodyStart = GitHttpBackendCgiHeaders.FindBodyStart(output);

        Assert.Equal("body", Encoding.ASCII.GetString(output[bodyStart..]));
    }

    [Fact]
    public void FindBodyStart_NoBlankLineYet_IsMinusOne()
    {
        var output = "Content-Type: text/plain\r\nExpires: Fri, 01 Jan 1980 00:00:00 GMT\r\n"u8;

        Assert.Equal(-1, GitHttpBackendCgiHeaders.FindBodyStart(output));
    }

    [Fact]
    public void Parse_StatusAfterOtherHeaders_SetsTheStatus()
    {
        var headers = GitHttpBackendCgiHeaders.Parse("Expires: never\r\nStatus: 404 Not Found\r\nContent-Type: text/plain\r\n"u8);

        Assert.Equal(404, headers.StatusCode);
        Assert.Equal(["Expires", "Content-Type"], headers.Headers.Select(h => h.Key));
    }

    [Fact]
    public void Parse_NoStatus_Is200()
    {
        var headers = GitHttpBackendCgiHeaders.Parse("Content-Type: application/x-git-upload-pack-result\n"u8);

        Assert.Equal(200, headers.StatusCode);
    }

    [Fact]
    public void Parse_RepeatedHeader_KeepsEveryValue()
    {
        var headers = GitHttpBackendCgiHeaders.Parse("Cache-Control: no-cache\r\nCache-Control: max-age=0\r\n"u8);

        Assert.Equal(["no-cache", "max-age=0"], headers.Headers.Where(h => h.Key == "Cache-Control").Select(h => h.Value));
    }
}
