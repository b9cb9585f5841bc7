using System.Text;
using JugendLab.Web.Git;
using Microsoft.AspNetCore.Http;

namespace JugendLab.Tests.Git;

public sealed class GitSidebandTests
{
    [Fact]
    public void ErrorPacket_IsOnePktLineOnBandThree()
    {
        var packet = GitSideband.ErrorPacket("push refused");

        // 4 hex digits counting themselves, band 3, the text and a newline.
        Assert.Equal("0012\u0003push refused\n", Encoding.UTF8.GetString(packet));
    }

    [Fact]
    public void ErrorPacket_HugeMessage_StaysWithinThePktLineMaximum()
    {
        var packet = GitSideband.ErrorPacket(new string('ü', 100_000));

        Assert.True(packet.Length <= 65520);
        Assert.Equal(packet.Length, Convert.ToInt32(Encoding.ASCII.GetString(packet, 0, 4), 16));
    }

    [Fact]
    public async Task WriteReceivePackErrorAsync_AnswersWhatGitExpectsFromAPush()
    {
        var context = new DefaultHttpContext();
        context.Response.Body = new MemoryStream();
        context.Response.StatusCode = 500;

        await GitSideband.WriteReceivePackErrorAsync(context.Response, "quota used up", CancellationToken.None);

        Assert.Equal(200, context.Response.StatusCode);
        Assert.Equal("application/x-git-receive-pack-result", context.Response.ContentType);
        Assert.Equal(GitSideband.ErrorPacket("quota used up"), ((MemoryStream)context.Response.Body).ToArray());
    }
}
