using System.Text;
using JugendLab.Web.Git;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging.Abstractions;

namespace JugendLab.Tests.Git;

/// <summary>GitHttpBackend's decisions that need no git process; the real-server behaviour is in the other Git tests.</summary>
public sealed class GitHttpBackendTests
{
    [Fact]
    public async Task RunAsync_ContentLengthOverLimit_AnswersWithTheRequestsOwnMessage()
    {
        var context = new DefaultHttpContext();
        context.Request.Method = "POST";
        context.Request.ContentLength = 2_000;
        context.Response.Body = new MemoryStream();
        var request = new GitCgiRequest("/nonexistent", "/team/app.git/git-receive-pack", "team-blue",
            new Dictionary<string, string>(), MaxRequestBodyBytes: 1_000) { TooLargeMessage = "Push zu groß" };

        await new GitHttpBackend(NullLogger<GitHttpBackend>.Instance).RunAsync(context, request);

        Assert.Equal(GitSideband.ReceivePackResultContentType, context.Response.ContentType);
        Assert.Equal(GitSideband.ErrorPacket("Push zu groß"), ((MemoryStream)context.Response.Body).ToArray());
    }

    [Theory]
    [InlineData(2L * 1024 * 1024, "2 MB")]
    [InlineData(100L * 1024 * 1024, "100 MB")]
    [InlineData(1_500_000L, "1.4 MB")]
    public void DefaultTooLargeMessage_NamesTheLimitInMegabytes(long limit, string named)
    {
        Assert.Contains($"limit of {named} per push", GitHttpBackend.DefaultTooLargeMessage(limit));
    }
}
