using System.Diagnostics;
using System.Globalization;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.Logging;

namespace JugendLab.Web.Git;

/// <summary>Serves git's smart HTTP protocol by running the real <c>git http-backend</c> as a CGI child, one per request.</summary>
/// <remarks>Register as a singleton. The caller decides who may do what; this class only runs git and streams.</remarks>
public sealed class GitHttpBackend
{
    // stderr of a stuck grandchild must not hold the request open once http-backend itself has exited.
    private static readonly TimeSpan StandardErrorGrace = TimeSpan.FromSeconds(5);

    private readonly ILogger<GitHttpBackend> _logger;
    private readonly string _homeDirectory;

    /// <summary>Creates the backend with an empty HOME of its own, so no user's git configuration reaches a push.
    /// It is a new directory only the platform's user can enter: a fixed, shared path under /tmp could be made
    /// beforehand by another local user, who would then own the configuration every push runs with.</summary>
    public GitHttpBackend(ILogger<GitHttpBackend> logger)
    {
        _logger = logger;
        _homeDirectory = Directory.CreateTempSubdirectory("jugendlab-git-home-").FullName;
    }

    /// <summary>Runs git http-backend for this request and streams its answer. Never throws for client mistakes.</summary>
    public async Task RunAsync(HttpContext context, GitCgiRequest request)
    {
        KeepResponseLiveAndUncompressed(context);
        LiftServerBodyLimit(context, request.MaxRequestBodyBytes);

        // Checked before spawning: a body we would stop reading half-way makes http-backend spin forever.
        if (context.Request.ContentLength > request.MaxRequestBodyBytes)
        {
            await RefuseTooLargeAsync(context, request);
            return;
        }

        var started = Stopwatch.GetTimestamp();
        await using var tree = ProcessTree.Start(GitHttpBackendStartInfo.Create(context, request, _homeDirectory));
        using var killOnAbort = context.RequestAborted.Register(tree.Kill);
        using var stopCopying = CancellationTokenSource.CreateLinkedTokenSource(context.RequestAborted);
        var process = tree.Process;

        var copying = GitHttpBackendRequestBody.CopyAsync(
            context.Request.Body, process.StandardInput.BaseStream, request.MaxRequestBodyBytes, tree, stopCopying.Token);
        var logging = LogStandardErrorAsync(process.StandardError, request.PathInfo);
        var response = await GitHttpBackendResponse.CopyAsync(
            process.StandardOutput.BaseStream, context.Response, context.RequestAborted);
        if (response != GitResponseOutcome.Streamed)
        {
            tree.Kill();
        }

        // stdout has ended, so http-backend has stopped; a copy still waiting for the body has nobody to feed.
        await stopCopying.CancelAsync();
        var body = await copying;
        await tree.WaitForExitAsync();
        await WaitForStandardErrorAsync(logging);

        _logger.LogDebug(
            "git http-backend {Method} {PathInfo} for {User}: exit {ExitCode}, body {Body}, response {Response}, {Elapsed} ms",
            context.Request.Method, request.PathInfo, request.RemoteUser ?? "(anonymous)", process.ExitCode, body, response,
            (long)Stopwatch.GetElapsedTime(started).TotalMilliseconds);
        await FinishAsync(context, request, body, response);
    }

    // Live "remote:" lines need every write to reach the client at once: no buffering, and no compression
    // (a compressing middleware would hold bytes back, and git's client accepts gzip, so it would apply).
    private static void KeepResponseLiveAndUncompressed(HttpContext context)
    {
        context.Request.Headers.AcceptEncoding = default;
        if (context.Features.Get<IHttpsCompressionFeature>() is { } compression)
        {
            compression.Mode = HttpsCompressionMode.DoNotCompress;
        }

        context.Features.Get<IHttpResponseBodyFeature>()?.DisableBuffering();
    }

    // Kestrel's own limit (30 MB by default) would cut a push off with a misleading "Everything up-to-date";
    // our limit, with a message naming it, applies instead.
    private void LiftServerBodyLimit(HttpContext context, long maxRequestBodyBytes)
    {
        var feature = context.Features.Get<IHttpMaxRequestBodySizeFeature>();
        if (feature is null || feature.MaxRequestBodySize is null || feature.MaxRequestBodySize >= maxRequestBodyBytes)
        {
            return;
        }

        if (feature.IsReadOnly)
        {
            _logger.LogWarning(
                "The server's body limit of {ServerLimit} bytes could not be lifted (the body was already read); "
                + "pushes over it fail with a misleading message",
                feature.MaxRequestBodySize);
            return;
        }

        feature.MaxRequestBodySize = null;
    }

    private async Task FinishAsync(
        HttpContext context, GitCgiRequest request, GitRequestBodyOutcome body, GitResponseOutcome response)
    {
        if (context.RequestAborted.IsCancellationRequested || response == GitResponseOutcome.ClientGone)
        {
            return;
        }

        if (body == GitRequestBodyOutcome.TooLarge)
        {
            if (context.Response.HasStarted)
            {
                // Half an answer must not look like a whole one to the client.
                context.Abort();
                return;
            }

            await RefuseTooLargeAsync(context, request);
            return;
        }

        if (response == GitResponseOutcome.NoHeaders && !context.Response.HasStarted)
        {
            _logger.LogWarning(
                "git http-backend gave no CGI headers for {Method} {PathInfo} (body {Body})",
                context.Request.Method, request.PathInfo, body);
            context.Response.Clear();
            context.Response.StatusCode = body == GitRequestBodyOutcome.ReadFailed
                ? StatusCodes.Status400BadRequest
                : StatusCodes.Status500InternalServerError;
        }
    }

    private async Task RefuseTooLargeAsync(HttpContext context, GitCgiRequest request)
    {
        var message = request.TooLargeMessage ?? DefaultTooLargeMessage(request.MaxRequestBodyBytes);
        _logger.LogInformation(
            "Refused {Method} {PathInfo} for {User}: body over {Limit} bytes",
            context.Request.Method, request.PathInfo, request.RemoteUser ?? "(anonymous)", request.MaxRequestBodyBytes);
        try
        {
            if (IsReceivePackPost(context.Request, request.PathInfo))
            {
                await GitSideband.WriteReceivePackErrorAsync(context.Response, message, context.RequestAborted);
                return;
            }

            context.Response.Clear();
            context.Response.StatusCode = StatusCodes.Status413PayloadTooLarge;
            context.Response.ContentType = "text/plain; charset=utf-8";
            await context.Response.WriteAsync(message + "\n", context.RequestAborted);
        }
        catch (Exception e) when (e is IOException or OperationCanceledException)
        {
            // The pusher left before reading why.
        }
    }

    /// <summary>The reason a pusher reads when the push is over the limit, naming the limit in MB.</summary>
    internal static string DefaultTooLargeMessage(long maxRequestBodyBytes)
    {
        var megabytes = (maxRequestBodyBytes / (1024.0 * 1024.0)).ToString("0.#", CultureInfo.InvariantCulture);
        return $"push refused: it is larger than the limit of {megabytes} MB per push";
    }

    private static bool IsReceivePackPost(HttpRequest request, string pathInfo) =>
        HttpMethods.IsPost(request.Method) && pathInfo.EndsWith("/git-receive-pack", StringComparison.Ordinal);

    private static async Task WaitForStandardErrorAsync(Task logging)
    {
        try
        {
            await logging.WaitAsync(StandardErrorGrace);
        }
        catch (TimeoutException)
        {
            // A grandchild that escaped the kill still holds stderr; its lines are not worth holding the request for.
        }
    }

    // http-backend's own complaints ("Request not supported", "dubious ownership") go to the log, not to the client.
    private async Task LogStandardErrorAsync(StreamReader stderr, string pathInfo)
    {
        try
        {
            while (await stderr.ReadLineAsync() is { } line)
            {
                _logger.LogDebug("git http-backend {PathInfo}: {Line}", pathInfo, line);
            }
        }
        catch (Exception e) when (e is IOException or ObjectDisposedException)
        {
        }
    }
}
