using Microsoft.AspNetCore.Http;

namespace JugendLab.Web.Git;

/// <summary>How streaming git http-backend's answer to the client ended.</summary>
internal enum GitResponseOutcome
{
    /// <summary>Headers and the whole body reached the response.</summary>
    Streamed,

    /// <summary>stdout ended (or overflowed) before a complete CGI header block; nothing was written.</summary>
    NoHeaders,

    /// <summary>Writing to the client failed: it went away.</summary>
    ClientGone,
}

/// <summary>Turns git http-backend's stdout (CGI headers, then the body) into the HTTP response, as it comes.</summary>
internal static class GitHttpBackendResponse
{
    private const int BufferSize = 64 * 1024;

    // The response's framing is Kestrel's job: the child's body is streamed chunked, whatever length it announced.
    private static readonly HashSet<string> SkippedHeaders = new(StringComparer.OrdinalIgnoreCase)
    {
        "Content-Length", "Transfer-Encoding", "Connection",
    };

    /// <summary>
    /// Reads the CGI headers and applies them without starting the response, then streams the body with a flush per read:
    /// live "remote:" lines from a long pre-receive hook depend on it.
    /// </summary>
    public static async Task<GitResponseOutcome> CopyAsync(Stream stdout, HttpResponse response, CancellationToken ct)
    {
        var buffer = new byte[BufferSize];
        try
        {
            var (headers, firstBodyBytes) = await ReadHeadersAsync(stdout, buffer, ct);
            if (headers is null)
            {
                return GitResponseOutcome.NoHeaders;
            }

            Apply(headers, response);
            await WriteAsync(response, firstBodyBytes, ct);
            while (await stdout.ReadAsync(buffer, ct) is var read and > 0)
            {
                await WriteAsync(response, buffer.AsMemory(0, read), ct);
            }
        }
        catch (Exception e) when (e is IOException or OperationCanceledException or ObjectDisposedException)
        {
            return GitResponseOutcome.ClientGone;
        }

        return GitResponseOutcome.Streamed;
    }

    // Reads until the blank line that ends the CGI headers; returns them with the body bytes read past them.
    private static async Task<(GitHttpBackendCgiHeaders? Headers, ReadOnlyMemory<byte> FirstBodyBytes)> ReadHeadersAsync(
        Stream stdout, byte[] buffer, CancellationToken ct)
    {
        var output = new MemoryStream();
        while (true)
        {
            var read = await stdout.ReadAsync(buffer, ct);
            if (read == 0)
            {
                return (null, default);
            }

            output.Write(buffer, 0, read);
            var bytes = output.GetBuffer().AsMemory(0, (int)output.Length);
            var bodyStart = GitHttpBackendCgiHeaders.FindBodyStart(bytes.Span);
            if (bodyStart >= 0)
            {
                return (GitHttpBackendCgiHeaders.Parse(bytes.Span[..bodyStart]), bytes[bodyStart..]);
            }

            if (output.Length > GitHttpBackendCgiHeaders.MaxLength)
            {
                return (null, default);
            }
        }
    }

    private static void Apply(GitHttpBackendCgiHeaders headers, HttpResponse response)
    {
        response.StatusCode = headers.StatusCode;
        foreach (var (name, value) in headers.Headers)
        {
            if (!SkippedHeaders.Contains(name))
            {
                response.Headers.Append(name, value);
            }
        }
    }

    private static async Task WriteAsync(HttpResponse response, ReadOnlyMemory<byte> chunk, CancellationToken ct)
    {
        if (chunk.IsEmpty)
        {
            return;
        }

        await response.Body.WriteAsync(chunk, ct);
        await response.Body.FlushAsync(ct);
    }
}
