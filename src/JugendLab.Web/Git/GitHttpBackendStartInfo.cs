using System.Diagnostics;
using System.Globalization;
using Microsoft.AspNetCore.Http;

namespace JugendLab.Web.Git;

/// <summary>How git http-backend is started for one request: the program, its streams and its CGI environment.</summary>
internal static class GitHttpBackendStartInfo
{
    private const string FallbackPath = "/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin";

    /// <summary>Variables only the request decides; a caller's extra variables with these names are dropped.</summary>
    internal static readonly IReadOnlySet<string> CgiVariableNames = new HashSet<string>(StringComparer.Ordinal)
    {
        "GIT_PROJECT_ROOT", "GIT_HTTP_EXPORT_ALL", "PATH_INFO", "REQUEST_METHOD", "QUERY_STRING", "CONTENT_TYPE",
        "CONTENT_LENGTH", "HTTP_CONTENT_ENCODING", "GIT_PROTOCOL", "REMOTE_USER", "REMOTE_ADDR",
    };

    /// <summary>A start info for <c>git http-backend</c> whose environment holds only what git needs, never the app's secrets.</summary>
    public static ProcessStartInfo Create(HttpContext context, GitCgiRequest request, string homeDirectory)
    {
        var startInfo = new ProcessStartInfo("git")
        {
            UseShellExecute = false,
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        startInfo.ArgumentList.Add("http-backend");

        // The child and the hook inherit every variable; the app's own (connection strings, tokens) must not reach them.
        var environment = startInfo.Environment;
        environment.Clear();
        environment["PATH"] = System.Environment.GetEnvironmentVariable("PATH") ?? FallbackPath;
        environment["HOME"] = homeDirectory;
        environment["LANG"] = "C.UTF-8";
        // Pushed objects are checked before they are accepted (broken or malicious objects are refused at the door).
        environment["GIT_CONFIG_COUNT"] = "1";
        environment["GIT_CONFIG_KEY_0"] = "receive.fsckObjects";
        environment["GIT_CONFIG_VALUE_0"] = "true";
        // Extra variables cannot change who pushes or what is served: not even one the request leaves unset,
        // such as CONTENT_LENGTH on a chunked push, which would make http-backend wait for bytes that never come.
        foreach (var (name, value) in request.Environment.Where(v => !CgiVariableNames.Contains(v.Key)))
        {
            environment[name] = value;
        }

        foreach (var (name, value) in CgiVariables(context, request))
        {
            environment[name] = value;
        }

        return startInfo;
    }

    /// <summary>The CGI variables for this request; each one missing breaks git in its own way (see FACTS.md).</summary>
    internal static IEnumerable<KeyValuePair<string, string>> CgiVariables(HttpContext context, GitCgiRequest request)
    {
        var http = context.Request;
        yield return new("GIT_PROJECT_ROOT", request.ProjectRoot);
        yield return new("GIT_HTTP_EXPORT_ALL", "1");
        yield return new("PATH_INFO", request.PathInfo);
        yield return new("REQUEST_METHOD", http.Method);
        yield return new("QUERY_STRING", http.QueryString.HasValue ? http.QueryString.Value![1..] : "");

        if (http.ContentType is { } contentType)
        {
            yield return new("CONTENT_TYPE", contentType);
        }

        // Only a real length: without CONTENT_LENGTH http-backend reads to EOF, which is what a chunked push needs.
        if (http.ContentLength is { } contentLength)
        {
            yield return new("CONTENT_LENGTH", contentLength.ToString(CultureInfo.InvariantCulture));
        }

        if (http.Headers.ContentEncoding.ToString() is { Length: > 0 } contentEncoding)
        {
            yield return new("HTTP_CONTENT_ENCODING", contentEncoding);
        }

        if (http.Headers["Git-Protocol"].ToString() is { Length: > 0 } gitProtocol)
        {
            yield return new("GIT_PROTOCOL", gitProtocol);
        }

        if (request.RemoteUser is { } remoteUser)
        {
            yield return new("REMOTE_USER", remoteUser);
        }

        if (context.Connection.RemoteIpAddress is { } remoteAddress)
        {
            yield return new("REMOTE_ADDR", remoteAddress.ToString());
        }
    }
}
