using JugendLab.Orchestrator.Errors;

namespace JugendLab.Orchestrator.Deployments;

/// <summary>
/// The user's view of a deploy: every line goes to the deployment's log file and, live, to whoever watches
/// (the pusher's git client as "remote:" lines). Step lines start with "-----> " as on Heroku, Dokku and Piku.
/// </summary>
public sealed class DeployLog : IAsyncDisposable
{
    private readonly Action<string> _watcher;
    private StreamWriter? _file;
    private readonly List<string> _pending = [];

    public DeployLog(Language language, Action<string> watcher)
    {
        Language = language;
        _watcher = watcher;
    }

    public Language Language { get; }

    /// <summary>Starts writing to the deployment's log file, with what was said before the deployment had an id.</summary>
    public void AttachFile(string path)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        _file = new StreamWriter(path, append: false) { AutoFlush = true };
        foreach (var line in _pending) _file.WriteLine(line);
        _pending.Clear();
    }

    public void Step(string german, string english) => Line("-----> " + Pick(german, english));

    public void Info(string german, string english) => Line("       " + Pick(german, english));

    public void Error(string message) => Line(" !     " + message);

    /// <summary>A line of build output, shown as it came.</summary>
    public void Output(string line) => Line("       " + line);

    public string Pick(string german, string english) => Language == Language.English ? english : german;

    private void Line(string line)
    {
        lock (_pending)
        {
            if (_file is null) _pending.Add(line);
            else _file.WriteLine(line);
        }
        _watcher(line);
    }

    public async ValueTask DisposeAsync()
    {
        if (_file is not null) await _file.DisposeAsync();
    }
}
