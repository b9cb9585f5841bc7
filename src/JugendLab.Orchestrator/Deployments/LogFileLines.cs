using System.Buffers;
using System.Runtime.CompilerServices;
using System.Text;

namespace JugendLab.Orchestrator.Deployments;

/// <summary>
/// Reads a log file that may still be growing: each call returns the complete lines added since the last call and keeps
/// a half-written last line for later. It holds one read buffer and at most one unfinished line.
/// </summary>
public sealed class LogFileLines(string path) : IDisposable
{
    private const int ChunkBytes = 16 * 1024;
    private readonly ArrayBufferWriter<byte> _partial = new();
    private FileStream? _file;

    /// <summary>The complete lines added since the last call (none while the file does not exist yet).</summary>
    public async IAsyncEnumerable<string> ReadNewAsync([EnumeratorCancellation] CancellationToken ct)
    {
        if (_file is null)
        {
            if (!File.Exists(path)) yield break;
            try
            {
                _file = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete, 1, useAsync: true);
            }
            catch (FileNotFoundException)
            {
                yield break; // pruned between the check and the open
            }
        }
        var chunk = ArrayPool<byte>.Shared.Rent(ChunkBytes);
        try
        {
            int read;
            while ((read = await _file.ReadAsync(chunk.AsMemory(0, ChunkBytes), ct)) > 0)
            {
                var start = 0;
                for (var i = 0; i < read; i++)
                {
                    if (chunk[i] != (byte)'\n') continue;
                    yield return TakeLine(chunk.AsSpan(start, i - start));
                    start = i + 1;
                }
                _partial.Write(chunk.AsSpan(start, read - start));
            }
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(chunk);
        }
    }

    private string TakeLine(ReadOnlySpan<byte> tail)
    {
        if (_partial.WrittenCount == 0) return Encoding.UTF8.GetString(tail);
        _partial.Write(tail);
        var line = Encoding.UTF8.GetString(_partial.WrittenSpan);
        _partial.ResetWrittenCount();
        return line;
    }

    /// <summary>All complete lines of a log file now (empty when there is none).</summary>
    public static async Task<IReadOnlyList<string>> ReadAllAsync(string path, CancellationToken ct)
    {
        using var reader = new LogFileLines(path);
        var lines = new List<string>();
        await foreach (var line in reader.ReadNewAsync(ct)) lines.Add(line);
        return lines;
    }

    public void Dispose() => _file?.Dispose();
}
