using System.Text;
using JugendLab.Orchestrator.Deployments;

namespace JugendLab.Tests.Deployments;

/// <summary>A reader that takes the live log slowly (or not at all) must slow the build, never grow the platform's memory.</summary>
public sealed class LiveLogRelayTests
{
    private const int Bound = 4096;
    private const int LineBytes = 101; // 100 characters and the newline
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(20);

    [Fact]
    public async Task SlowReader_BlocksTheWriter_InsteadOfGrowingTheBuffer()
    {
        var reader = new GatedStream();
        var relay = new LiveLogRelay(reader, Bound, TimeSpan.FromMinutes(5), CancellationToken.None);
        var lines = Enumerable.Range(0, 1_000).Select(i => $"{i:D6} " + new string('x', 93)).ToList();
        var writer = Task.Run(() => lines.ForEach(relay.Write));

        await WaitUntilAsync(() => relay.BufferedBytes >= Bound, "the buffer to fill up");
        Assert.False(writer.IsCompleted, "the writer ran ahead of a reader that took nothing");
        Assert.InRange(relay.HighWaterBytes, Bound, Bound + LineBytes);

        reader.Open();
        await writer.WaitAsync(Patience);
        await relay.DisposeAsync();

        Assert.InRange(relay.HighWaterBytes, Bound, Bound + LineBytes);
        Assert.Equal(string.Concat(lines.Select(l => l + "\n")), reader.Text);
    }

    [Fact]
    public async Task ReaderThatLeft_NeverBlocksTheWriter()
    {
        var relay = new LiveLogRelay(new BrokenStream(), Bound, TimeSpan.FromMinutes(5), CancellationToken.None);

        await Task.Run(() => { for (var i = 0; i < 10_000; i++) relay.Write(new string('x', 100)); }).WaitAsync(Patience);
        await relay.DisposeAsync().AsTask().WaitAsync(Patience);

        Assert.True(relay.ReaderGone);
        Assert.InRange(relay.HighWaterBytes, 0, Bound + LineBytes);
    }

    [Fact]
    public async Task ReaderThatTakesNothing_IsGivenUp_SoTheBuildNeverHangs()
    {
        var reader = new GatedStream(); // never opened
        var relay = new LiveLogRelay(reader, Bound, TimeSpan.FromMilliseconds(200), CancellationToken.None);

        await Task.Run(() => { for (var i = 0; i < 1_000; i++) relay.Write(new string('x', 100)); }).WaitAsync(Patience);
        await relay.DisposeAsync().AsTask().WaitAsync(Patience);

        Assert.True(relay.ReaderGone);
        Assert.InRange(relay.HighWaterBytes, 0, Bound + LineBytes);
    }

    private static async Task WaitUntilAsync(Func<bool> condition, string what)
    {
        var deadline = DateTime.UtcNow + Patience;
        while (!condition())
        {
            if (DateTime.UtcNow > deadline) throw new TimeoutException($"Waited for {what}.");
            await Task.Delay(10);
        }
    }

    /// <summary>A reader that takes nothing until <see cref="Open"/> is called.</summary>
    private sealed class GatedStream : Stream
    {
        private readonly TaskCompletionSource _gate = new(TaskCreationOptions.RunContinuationsAsynchronously);
        private readonly MemoryStream _received = new();

        public string Text { get { lock (_received) return Encoding.UTF8.GetString(_received.ToArray()); } }

        public void Open() => _gate.TrySetResult();

        public override async ValueTask WriteAsync(ReadOnlyMemory<byte> buffer, CancellationToken ct = default)
        {
            await _gate.Task.WaitAsync(ct);
            lock (_received) _received.Write(buffer.Span);
        }

        public override Task FlushAsync(CancellationToken ct) => _gate.Task.WaitAsync(ct);
        public override void Flush() { }
        public override bool CanRead => false;
        public override bool CanSeek => false;
        public override bool CanWrite => true;
        public override long Length => throw new NotSupportedException();
        public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }
        public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException();
        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
        public override void SetLength(long value) => throw new NotSupportedException();
        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
    }

    /// <summary>A reader whose connection is gone.</summary>
    private sealed class BrokenStream : Stream
    {
        public override ValueTask WriteAsync(ReadOnlyMemory<byte> buffer, CancellationToken ct = default) =>
            ValueTask.FromException(new IOException("connection reset"));

        public override void Flush() { }
        public override bool CanRead => false;
        public override bool CanSeek => false;
        public override bool CanWrite => true;
        public override long Length => throw new NotSupportedException();
        public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }
        public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException();
        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
        public override void SetLength(long value) => throw new NotSupportedException();
        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
    }
}
