using System.Net;
using JugendLab.Web.Git;
using Microsoft.AspNetCore.Http;

namespace JugendLab.Tests.Git;

public sealed class GitHttpBackendStartInfoTests
{
    [Fact]
    public void Create_ReceivePackPost_SetsTheCgiVariables()
    {
        var context = Post("/git/team/app.git/git-receive-pack", contentLength: 42);
        context.Request.Headers["Git-Protocol"] = "version=2";
        context.Request.Headers.ContentEncoding = "gzip";

        var environment = Create(context, new Dictionary<string, string>()).Environment;

        Assert.Equal("/srv/repos", environment["GIT_PROJECT_ROOT"]);
        Assert.Equal("/team/app.git/git-receive-pack", environment["PATH_INFO"]);
        Assert.Equal("POST", environment["REQUEST_METHOD"]);
        Assert.Equal("", environment["QUERY_STRING"]);
        Assert.Equal("application/x-git-receive-pack-request", environment["CONTENT_TYPE"]);
        Assert.Equal("42", environment["CONTENT_LENGTH"]);
        Assert.Equal("gzip", environment["HTTP_CONTENT_ENCODING"]);
        Assert.Equal("version=2", environment["GIT_PROTOCOL"]);
        Assert.Equal("1", environment["GIT_HTTP_EXPORT_ALL"]);
        Assert.Equal("team-blue", environment["REMOTE_USER"]);
        Assert.Equal("192.0.2.7", environment["REMOTE_ADDR"]);
    }

    [Fact]
    public void Create_ChunkedBody_HasNoContentLength()
    {
        var environment = Create(Post("/git/app.git/git-receive-pack", contentLength: null), new Dictionary<string, string>())
            .Environment;

        Assert.False(environment.ContainsKey("CONTENT_LENGTH"));
    }

    [Fact]
    public void Create_ExtraVariables_CannotOverrideTheCgiVariables()
    {
        var extra = new Dictionary<string, string>
        {
            ["REMOTE_USER"] = "admin",
            ["CONTENT_LENGTH"] = "1",
            ["JUGENDLAB_CALLBACK_URL"] = "http://127.0.0.1:5000/builds/7",
        };

        var environment = Create(Post("/git/app.git/git-receive-pack", contentLength: null), extra).Environment;

        Assert.Equal("team-blue", environment["REMOTE_USER"]);
        Assert.False(environment.ContainsKey("CONTENT_LENGTH"));
        Assert.Equal("http://127.0.0.1:5000/builds/7", environment["JUGENDLAB_CALLBACK_URL"]);
    }

    [Fact]
    public void Create_DoesNotPassOnTheServersEnvironment()
    {
        Environment.SetEnvironmentVariable("JUGENDLAB_TEST_START_INFO_SECRET", "s3cret");

        var environment = Create(Post("/git/app.git/git-receive-pack", contentLength: 1), new Dictionary<string, string>())
            .Environment;

        Assert.False(environment.ContainsKey("JUGENDLAB_TEST_START_INFO_SECRET"));
        Assert.Equal("/tmp/git-home", environment["HOME"]);
        Assert.Equal("C.UTF-8", environment["LANG"]);
        Assert.True(environment.ContainsKey("PATH"));
    }

    [Fact]
    public void Create_RunsGitHttpBackendWithoutAShell()
    {
        var startInfo = Create(Post("/git/app.git/git-receive-pack", contentLength: 1), new Dictionary<string, string>());

        Assert.Equal("git", startInfo.FileName);
        Assert.Equal(["http-backend"], startInfo.ArgumentList);
        Assert.False(startInfo.UseShellExecute);
    }

    private static System.Diagnostics.ProcessStartInfo Create(HttpContext context, Dictionary<string, string> extra) =>
        GitHttpBackendStartInfo.Create(
            context, new GitCgiRequest("/srv/repos", context.Request.Path.Value![4..], "team-blue", extra, 1000), "/tmp/git-home");

    private static DefaultHttpContext Post(string path, long? contentLength)
    {
        var context = new DefaultHttpContext();
        context.Request.Method = "POST";
        context.Request.Path = path;
        context.Request.ContentType = "application/x-git-receive-pack-request";
        context.Request.ContentLength = contentLength;
        context.Connection.RemoteIpAddress = IPAddress.Parse("192.0.2.7");
        return context;
    }
}
