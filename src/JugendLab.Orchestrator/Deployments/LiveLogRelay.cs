using System.Buffers;
using System.IO.Pipelines;
using System.Text;

namespace JugendLab.Orchestrator.Deployments;

/// <summary>
/// Relays log lines to a stream (an HTTP response read by a git client or an API client) through a buffer of fixed size.
/// A slow reader slows the writer down instead of growing the platform's memory: <see cref="Write"/> blocks while the
/// buffer is full. When the reader is gone, or stalls for longer than the stall limit, the relay gives up and drops
/// further lines, so a build never hangs on a reader (its log file still gets every line).
/// </summary>
/// <remarks>
/// <see cref="Write"/> is synchronous on purpose: build output arrives in Docker.DotNet's synchronous progress callback
/// (FACTS.md), and blocking that callback is what slows the engine's build stream, and so the build, to the reader's pace.
/// </remarks>
public sealed class LiveLogRelay : IAsyncDisposable
{
    private readonly Pipe _pipe;
    private readonly Stream _destination;
    private readonly TimeSpan _stallLimit;
    private readonly CancellationTokenSource _stop;
    private readonly Lock _writerGate = new();
    private readonly Task _pump;
    private long _bufferedBytes;
    private long _highWaterBytes;
    private bool _completed;
    private volatile bool _gone;

    /// <param name="destination">Where the lines go, e.g. the response body.</param>
    /// <param name="maxBufferedBytes">Bytes held for the reader before <see cref="Write"/> blocks.</param>
    /// <param name="stallLimit">How long one <see cref="Write"/> waits for a reader that takes nothing before the relay gives up.</param>
    /// <param name="ct">Ends the relay, e.g. the request's abort token.</param>
    public LiveLogRelay(Stream destination, int maxBufferedBytes, TimeSpan stallLimit, CancellationToken ct)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(maxBufferedBytes);
        _destination = destination;
        _stallLimit = stallLimit;
        MaxBufferedBytes = maxBufferedBytes;
        _stop = CancellationTokenSource.CreateLinkedTokenSource(ct);
        _pipe = new Pipe(new PipeOptions(
            pauseWriterThreshold: maxBufferedBytes, resumeWriterThreshold: maxBufferedBytes / 2, useSynchronizationContext: false));
        _pump = Task.Run(PumpAsync);
    }

    /// <summary>Bytes held before <see cref="Write"/> blocks; the buffer holds at most this plus one line.</summary>
    public int MaxBufferedBytes { get; }

    /// <summary>Bytes written but not yet taken by the destination (in flight included).</summary>
    public long BufferedBytes => Interlocked.Read(ref _bufferedBytes);

    /// <summary>The most bytes the buffer ever held.</summary>
    public long HighWaterBytes => Interlocked.Read(ref _highWaterBytes);

    /// <summary>True once the reader left or stalled and lines are dropped.</summary>
    public bool ReaderGone => _gone;

    /// <summary>Queues one line (a newline is added); blocks while the buffer is full. Safe from any thread.</summary>
    public void Write(string line)
    {
        if (_gone) return;
        var bytes = Encoding.UTF8.GetBytes(line + "\n");
        lock (_writerGate)
        {
            if (_gone || _completed) return;
            _pipe.Writer.Write(bytes);
            var buffered = Interlocked.Add(ref _bufferedBytes, bytes.Length);
            RaiseHighWater(buffered);
            var flush = _pipe.Writer.FlushAsync();
            if (flush.IsCompleted)
            {
                if (flush.Result.IsCompleted) GiveUp();
                return;
            }
            // Blocking here is the backpressure; the pump runs on the thread pool and never takes this lock.
            var waiting = flush.AsTask();
            if (!waiting.Wait(_stallLimit) || waiting.Result.IsCompleted) GiveUp();
        }
    }

    private void RaiseHighWater(long buffered)
    {
        var seen = Interlocked.Read(ref _highWaterBytes);
        while (buffered > seen)
        {
            var previous = Interlocked.CompareExchange(ref _highWaterBytes, buffered, seen);
            if (previous == seen) return;
            seen = previous;
        }
    }

    private async Task PumpAsync()
    {
        var reader = _pipe.Reader;
        try
        {
            while (true)
            {
                var result = await reader.ReadAsync(_stop.Token);
                var buffer = result.Buffer;
                foreach (var segment in buffer) await _destination.WriteAsync(segment, _stop.Token);
                if (!buffer.IsEmpty) await _destination.FlushAsync(_stop.Token);
                Interlocked.Add(ref _bufferedBytes, -buffer.Length);
                reader.AdvanceTo(buffer.End);
                if (result.IsCompleted) break;
            }
        }
        catch (OperationCanceledException) { }
        catch (IOException) { } // the reader went away; the deploy itself decides what happens next
        catch (ObjectDisposedException) { }
        finally
        {
            _gone = true;
            // Completing the reader wakes a writer that waits for room: it sees the reader gone and drops its line.
            await reader.CompleteAsync();
        }
    }

    private void GiveUp()
    {
        _gone = true;
        _stop.Cancel();
    }

    /// <summary>Sends what is still buffered (at most the buffer's size) and ends the relay.</summary>
    public async ValueTask DisposeAsync()
    {
        lock (_writerGate)
        {
            _completed = true;
            _pipe.Writer.Complete();
        }
        try
        {
            await _pump.WaitAsync(_stallLimit);
        }
        catch (TimeoutException)
        {
            // A reader that takes nothing must not keep the request (and the project's deploy lock) forever.
            await _stop.CancelAsync();
            await _pump;
        }
        _stop.Dispose();
    }
}
