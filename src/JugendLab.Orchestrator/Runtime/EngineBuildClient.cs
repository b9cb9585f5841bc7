using System.Globalization;
using System.Net.Http.Headers;
using System.Net.Sockets;
using System.Text.Json;

namespace JugendLab.Orchestrator.Runtime;

/// <summary>
/// The engine's build endpoint (POST /build), called directly: Docker.DotNet's build parameters lack <c>cgroupparent</c>,
/// which carries a build's PID limit and lets the platform kill a runaway build (<see cref="BuildCgroups"/>).
/// Output arrives as one JSON message per line; every "stream" line goes to the log as it comes.
/// </summary>
internal sealed class EngineBuildClient : IDisposable
{
    // API 1.41 = Docker 20.10, Debian 12's engine; newer engines still serve it.
    private const string ApiVersion = "v1.41";
    private readonly HttpClient _http;

    public EngineBuildClient(string endpoint)
    {
        var uri = new Uri(endpoint);
        if (uri.Scheme == "unix")
        {
            var socketPath = uri.AbsolutePath;
            _http = new HttpClient(new SocketsHttpHandler
            {
                ConnectCallback = async (_, ct) =>
                {
                    var socket = new Socket(AddressFamily.Unix, SocketType.Stream, ProtocolType.Unspecified);
                    await socket.ConnectAsync(new UnixDomainSocketEndPoint(socketPath), ct);
                    return new NetworkStream(socket, ownsSocket: true);
                },
            }) { BaseAddress = new Uri("http://engine/") };
        }
        else
        {
            _http = new HttpClient { BaseAddress = new UriBuilder(uri) { Scheme = "http" }.Uri };
        }
        _http.Timeout = Timeout.InfiniteTimeSpan; // the build's own time limit cancels it
    }

    public async Task<BuildResult> BuildAsync(ImageBuild build, Action<string> log, CancellationToken ct)
    {
        using var content = new StreamContent(build.Context);
        content.Headers.ContentType = new MediaTypeHeaderValue("application/x-tar");
        using var request = new HttpRequestMessage(HttpMethod.Post, $"{ApiVersion}/build?{Query(build)}") { Content = content };
        using var response = await _http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, ct);
        if (!response.IsSuccessStatusCode)
            return BuildResult.Failure(Message(await response.Content.ReadAsStringAsync(ct)) ?? response.ReasonPhrase ?? "build refused");

        using var reader = new StreamReader(await response.Content.ReadAsStreamAsync(ct));
        string? error = null;
        var output = new OutputLines(log);
        while (await reader.ReadLineAsync(ct) is { } line)
        {
            if (line.Length == 0) continue;
            using var message = JsonDocument.Parse(line);
            var root = message.RootElement;
            if (root.TryGetProperty("error", out var e)) error = e.GetString();
            else if (root.TryGetProperty("stream", out var s) && s.GetString() is { } text) output.Add(text);
        }
        output.Flush();
        return error is null ? BuildResult.Success : BuildResult.Failure(error);
    }

    /// <summary>A step's output arrives in chunks that may end mid-line; only whole lines go to the log.</summary>
    internal sealed class OutputLines(Action<string> log)
    {
        private readonly System.Text.StringBuilder _partial = new();

        public void Add(string chunk)
        {
            var start = 0;
            for (var newline = chunk.IndexOf('\n'); newline >= 0; newline = chunk.IndexOf('\n', start))
            {
                _partial.Append(chunk, start, newline - start);
                Emit();
                start = newline + 1;
            }
            _partial.Append(chunk, start, chunk.Length - start);
        }

        public void Flush() => Emit();

        private void Emit()
        {
            var line = _partial.ToString().TrimEnd('\r');
            _partial.Clear();
            if (!string.IsNullOrWhiteSpace(line)) log(line);
        }
    }

    private static string Query(ImageBuild build)
    {
        const long period = 100_000;
        var query = new Dictionary<string, string>
        {
            ["t"] = build.Tag,
            ["dockerfile"] = build.Dockerfile,
            ["buildargs"] = JsonSerializer.Serialize(build.BuildArgs),
            ["memory"] = build.MemoryBytes.ToString(CultureInfo.InvariantCulture),
            ["memswap"] = build.MemoryBytes.ToString(CultureInfo.InvariantCulture),
            ["cpuperiod"] = period.ToString(CultureInfo.InvariantCulture),
            ["cpuquota"] = ((long)(build.Cpus * period)).ToString(CultureInfo.InvariantCulture),
            ["networkmode"] = build.Network,
            ["rm"] = "1",
            ["forcerm"] = "1",
        };
        if (build.CgroupParent is not null) query["cgroupparent"] = build.CgroupParent;
        return string.Join('&', query.Select(p => $"{p.Key}={Uri.EscapeDataString(p.Value)}"));
    }

    private static string? Message(string body)
    {
        try { return JsonDocument.Parse(body).RootElement.GetProperty("message").GetString(); }
        catch (Exception e) when (e is JsonException or KeyNotFoundException or InvalidOperationException) { return body.Trim(); }
    }

    public void Dispose() => _http.Dispose();
}
