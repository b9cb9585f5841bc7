using JugendLab.Orchestrator.Deployments;
using Microsoft.AspNetCore.Http.Features;

namespace JugendLab.Web.Api;

/// <summary>
/// Streams log lines to an HTTP response as they happen (text/plain, one line each, flushed at once), so a build log
/// reaches the pusher's terminal live. Writers call <see cref="Write"/> from any thread; it blocks while the reader lags
/// a whole buffer behind, so a slow reader slows the build's output instead of growing the platform's memory.
/// </summary>
public sealed class LiveLogResponse : IAsyncDisposable
{
    /// <summary>Log bytes held for one reader; a few hundred lines, small beside a build's own memory.</summary>
    internal const int BufferBytes = 64 * 1024;

    // Kestrel aborts a reader slower than its minimum data rate long before this; it only guards against the unforeseen.
    private static readonly TimeSpan StallLimit = TimeSpan.FromMinutes(2);

    private readonly LiveLogRelay _relay;

    public LiveLogResponse(HttpResponse response, CancellationToken ct)
    {
        response.ContentType = "text/plain; charset=utf-8";
        response.Headers.CacheControl = "no-store";
        response.HttpContext.Features.Get<IHttpResponseBodyFeature>()?.DisableBuffering();
        _relay = new LiveLogRelay(response.Body, BufferBytes, StallLimit, ct);
    }

    public void Write(string line) => _relay.Write(line);

    public ValueTask DisposeAsync() => _relay.DisposeAsync();
}
