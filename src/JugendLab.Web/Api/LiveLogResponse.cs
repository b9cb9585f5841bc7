using System.Text;
using System.Threading.Channels;
using Microsoft.AspNetCore.Http.Features;

namespace JugendLab.Web.Api;

/// <summary>
/// Streams log lines to an HTTP response as they happen (text/plain, one line each, flushed at once), so a build log
/// reaches the pusher's terminal live. Writers call <see cref="Write"/> from any thread; one pump writes in order.
/// </summary>
public sealed class LiveLogResponse : IAsyncDisposable
{
    private readonly Channel<string> _lines = Channel.CreateUnbounded<string>(new UnboundedChannelOptions { SingleReader = true });
    private readonly HttpResponse _response;
    private readonly Task _pump;

    public LiveLogResponse(HttpResponse response, CancellationToken ct)
    {
        _response = response;
        response.ContentType = "text/plain; charset=utf-8";
        response.Headers.CacheControl = "no-store";
        response.HttpContext.Features.Get<IHttpResponseBodyFeature>()?.DisableBuffering();
        _pump = PumpAsync(ct);
    }

    public void Write(string line) => _lines.Writer.TryWrite(line);

    private async Task PumpAsync(CancellationToken ct)
    {
        try
        {
            await foreach (var line in _lines.Reader.ReadAllAsync(ct))
            {
                await _response.Body.WriteAsync(Encoding.UTF8.GetBytes(line + "\n"), ct);
                await _response.Body.FlushAsync(ct);
            }
        }
        catch (OperationCanceledException) { }
        catch (IOException) { } // the reader went away; the deploy itself decides what happens next
    }

    public async ValueTask DisposeAsync()
    {
        _lines.Writer.TryComplete();
        await _pump;
    }
}
