using System.Globalization;
using System.Text;
using JugendLab.Orchestrator.Errors;

namespace JugendLab.Orchestrator.Deployments;

/// <summary>
/// The user's view of a deploy: every line goes to the deployment's log file and, live, to whoever watches
/// (the pusher's git client as "remote:" lines). Step lines start with "-----> " as on Heroku, Dokku and Piku.
/// </summary>
/// <remarks>
/// The log has a size limit: a build that prints without end (usually a loop gone wrong) would otherwise fill the disk
/// and the watcher's terminal. Past the limit the log says once that it was cut, drops all further build output and
/// signals <see cref="Overflowed"/>, on which the build is stopped. The platform's own closing lines (why the deploy
/// failed) still get a small reserve, so the log still ends by saying what happened.
/// </remarks>
public sealed class DeployLog : IAsyncDisposable
{
    /// <summary>Room after the cut for the platform's own lines; build output never gets it.</summary>
    internal const long ClosingReserveBytes = 16 * 1024;

    private readonly Action<string> _watcher;
    private readonly Action<int>? _recorded;
    private readonly CancellationTokenSource _overflowed = new();
    private readonly List<string> _pending = [];
    private readonly Queue<string> _tail = new();
    private StreamWriter? _file;
    private long _writtenBytes;
    private bool _cut;

    /// <param name="language">The language of the platform's own lines.</param>
    /// <param name="watcher">Gets every line live; may block to slow the build down (a bounded relay to a slow reader).</param>
    /// <param name="maxBytes">The log's size limit in bytes (UTF-8, newlines included).</param>
    /// <param name="recorded">Learns the deployment's id as soon as the deployment is recorded, before the build
    /// (a deploy started from the web app answers with it at once).</param>
    public DeployLog(Language language, Action<string> watcher, long maxBytes, Action<int>? recorded = null)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(maxBytes);
        Language = language;
        _watcher = watcher;
        _recorded = recorded;
        MaxBytes = maxBytes;
    }

    /// <summary>The deployment this log belongs to, once it is recorded.</summary>
    public int? DeploymentId { get; private set; }

    public Language Language { get; }

    /// <summary>The log's size limit in bytes.</summary>
    public long MaxBytes { get; }

    /// <summary>True once the log went over <see cref="MaxBytes"/> and was cut.</summary>
    public bool WasCut
    {
        get { lock (_pending) return _cut; }
    }

    /// <summary>Cancelled (shortly after the cut, never on the writer's own thread) once the log went over its limit.</summary>
    public CancellationToken Overflowed => _overflowed.Token;

    /// <summary>The limit as people read it: "5 MB", or "64 KB" for small test limits.</summary>
    public string LimitText => MaxBytes % (1024 * 1024) == 0
        ? string.Create(CultureInfo.InvariantCulture, $"{MaxBytes / (1024 * 1024)} MB")
        : string.Create(CultureInfo.InvariantCulture, $"{Math.Max(1, MaxBytes / 1024)} KB");

    /// <summary>Starts writing to the deployment's log file, with what was said before the deployment had an id.</summary>
    public void AttachFile(string path)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        lock (_pending)
        {
            _file = new StreamWriter(path, append: false) { AutoFlush = true };
            foreach (var line in _pending) _file.WriteLine(line);
            _pending.Clear();
        }
    }

    /// <summary>The deployment is recorded: its lines go to its log file from now on, and whoever waits for its id learns it.</summary>
    public void AttachDeployment(int deploymentId, string path)
    {
        AttachFile(path);
        DeploymentId = deploymentId;
        _recorded?.Invoke(deploymentId);
    }

    public void Step(string german, string english) => Line("-----> " + Pick(german, english), isOutput: false);

    public void Info(string german, string english) => Line("       " + Pick(german, english), isOutput: false);

    public void Error(string message) => Line(" !     " + message, isOutput: false);

    /// <summary>A line of build output, shown as it came; dropped once the log was cut.</summary>
    public void Output(string line) => Line("       " + line, isOutput: true);

    public string Pick(string german, string english) => Language == Language.English ? english : german;

    private void Line(string line, bool isOutput)
    {
        string[] lines;
        lock (_pending)
        {
            lines = Admit(line, isOutput);
            foreach (var admitted in lines) Store(admitted);
        }
        // Outside the lock: a watcher that blocks (backpressure from a slow reader) must not stall the file writer's lock.
        foreach (var admitted in lines) _watcher(admitted);
    }

    /// <summary>Decides, under the lock, which lines this call writes: the line, the cut notice, or nothing.</summary>
    private string[] Admit(string line, bool isOutput)
    {
        var bytes = Encoding.UTF8.GetByteCount(line) + 1;
        if (_cut)
        {
            if (isOutput || _writtenBytes + bytes > MaxBytes + ClosingReserveBytes) return [];
            _writtenBytes += bytes;
            return [line];
        }
        if (_writtenBytes + bytes <= MaxBytes)
        {
            _writtenBytes += bytes;
            return [line];
        }

        _cut = true;
        var notice = " !     " + Pick(
            $"Das Build-Log ist länger als {LimitText} und wurde hier abgeschnitten (Limit für Build-Logs: {LimitText}).",
            $"The build log is longer than {LimitText} and was cut here (build log limit: {LimitText}).");
        _writtenBytes += Encoding.UTF8.GetByteCount(notice) + 1;
        // Cancelling runs the build's cancellation callbacks; not on this thread, which may be inside the engine client's read loop.
        ThreadPool.UnsafeQueueUserWorkItem(static cts => cts.Cancel(), _overflowed, preferLocal: false);
        if (isOutput || _writtenBytes + bytes > MaxBytes + ClosingReserveBytes) return [notice];
        _writtenBytes += bytes;
        return [notice, line];
    }

    /// <summary>The last lines written so far (for a failure notice).</summary>
    public IReadOnlyList<string> Tail()
    {
        lock (_pending) return _tail.ToList();
    }

    private void Store(string line)
    {
        _tail.Enqueue(line);
        if (_tail.Count > Notices.ChatNotifier.LogLines) _tail.Dequeue();
        if (_file is null) _pending.Add(line);
        else _file.WriteLine(line);
    }

    public async ValueTask DisposeAsync()
    {
        StreamWriter? file;
        lock (_pending)
        {
            file = _file;
            _file = null;
        }
        if (file is not null) await file.DisposeAsync();
    }
}
