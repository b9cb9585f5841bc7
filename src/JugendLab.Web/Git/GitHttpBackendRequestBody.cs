namespace JugendLab.Web.Git;

/// <summary>How copying the request body into git http-backend ended.</summary>
internal enum GitRequestBodyOutcome
{
    /// <summary>The whole body went in and stdin was closed.</summary>
    Complete,

    /// <summary>The body grew past the limit; the process tree was killed.</summary>
    TooLarge,

    /// <summary>The body could not be read to its end (client gone, body shorter than announced); the tree was killed.</summary>
    ReadFailed,

    /// <summary>http-backend stopped reading before the end, e.g. because it answers with an error.</summary>
    ChildStoppedReading,
}

/// <summary>Feeds the request body to git http-backend's stdin, counting bytes against the push size limit.</summary>
internal static class GitHttpBackendRequestBody
{
    private const int BufferSize = 64 * 1024;

    /// <summary>Copies the body; runs concurrently with reading stdout, since http-backend answers while it reads.</summary>
    public static async Task<GitRequestBodyOutcome> CopyAsync(
        Stream body, Stream stdin, long maxBytes, ProcessTree tree, CancellationToken ct)
    {
        var buffer = new byte[BufferSize];
        long total = 0;
        try
        {
            while (true)
            {
                int read;
                try
                {
                    read = await body.ReadAsync(buffer, ct);
                }
                catch (Exception)
                {
                    // With CONTENT_LENGTH set, http-backend waits for the missing bytes spinning at 100 % CPU forever.
                    tree.Kill();
                    return GitRequestBodyOutcome.ReadFailed;
                }

                if (read == 0)
                {
                    return GitRequestBodyOutcome.Complete;
                }

                // Chunked pushes have no Content-Length to check up front, so the limit is enforced while copying.
                total += read;
                if (total > maxBytes)
                {
                    tree.Kill();
                    return GitRequestBodyOutcome.TooLarge;
                }

                try
                {
                    await stdin.WriteAsync(buffer.AsMemory(0, read), ct);
                }
                catch (Exception e) when (e is IOException or OperationCanceledException or ObjectDisposedException)
                {
                    return GitRequestBodyOutcome.ChildStoppedReading;
                }
            }
        }
        finally
        {
            await CloseAsync(stdin);
        }
    }

    // Closing stdin is http-backend's end-of-body on a chunked push; a child that already left makes it throw.
    private static async Task CloseAsync(Stream stdin)
    {
        try
        {
            await stdin.DisposeAsync();
        }
        catch (IOException)
        {
        }
    }
}
