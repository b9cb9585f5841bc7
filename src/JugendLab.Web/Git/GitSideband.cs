using System.Globalization;
using System.Text;
using Microsoft.AspNetCore.Http;

namespace JugendLab.Web.Git;

/// <summary>Answers a push in git's own protocol, so the git client shows the pusher a clear reason.</summary>
public static class GitSideband
{
    /// <summary>The content type git expects in answer to a receive-pack POST.</summary>
    public const string ReceivePackResultContentType = "application/x-git-receive-pack-result";

    // A pkt-line is at most 65520 bytes (4 hex digits of length, the band byte, the payload); 16,000 characters
    // stay below that even when every one takes 4 bytes in UTF-8.
    private const int MaxMessageChars = 16_000;

    // Band 3 is "fatal error" in git's side-band-64k: the client prints "remote: <text>" and fails the push.
    private const byte ErrorBand = 3;

    /// <summary>
    /// Answers a receive-pack POST with 200 application/x-git-receive-pack-result holding one sideband-3 (error) pkt-line,
    /// so the git client prints "remote: &lt;message&gt;" and the push fails with a clear reason.
    /// </summary>
    /// <exception cref="InvalidOperationException">The response has already started.</exception>
    public static async Task WriteReceivePackErrorAsync(HttpResponse response, string message, CancellationToken ct)
    {
        if (response.HasStarted)
        {
            throw new InvalidOperationException("The response has already started; a sideband error can only be the whole answer.");
        }

        var packet = ErrorPacket(message);
        response.Clear();
        response.StatusCode = StatusCodes.Status200OK;
        response.ContentType = ReceivePackResultContentType;
        response.Headers.CacheControl = "no-cache, max-age=0, must-revalidate";
        response.ContentLength = packet.Length;
        await response.Body.WriteAsync(packet, ct);
    }

    /// <summary>One sideband-3 pkt-line carrying the message, ending in a newline, cut to the pkt-line maximum.</summary>
    internal static byte[] ErrorPacket(string message)
    {
        var text = message.TrimEnd('\n');
        if (text.Length > MaxMessageChars)
        {
            text = text[..MaxMessageChars];
        }

        var payload = Encoding.UTF8.GetBytes(text + "\n");

        var length = 4 + 1 + payload.Length;
        var packet = new byte[length];
        Encoding.ASCII.GetBytes(length.ToString("x4", CultureInfo.InvariantCulture), packet);
        packet[4] = ErrorBand;
        payload.CopyTo(packet, 5);
        return packet;
    }
}
