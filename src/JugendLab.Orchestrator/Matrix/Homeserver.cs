using System.Net.Sockets;
using System.Security.Cryptography;
using System.Text;
using JugendLab.Orchestrator.Configuration;
using JugendLab.Orchestrator.Runtime;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace JugendLab.Orchestrator.Matrix;

/// <summary>
/// Keeps the neighbourhood's homeserver running: Synapse and its PostgreSQL as two containers on their own network,
/// their data in <c>&lt;data directory&gt;/matrix</c>. Called at start and on every reconcile; each call looks at what
/// runs and does the one next step (make, start, wait, restart), with a growing pause after failed starts.
/// </summary>
public sealed class Homeserver(
    IOptions<MatrixOptions> matrixOptions,
    IOptions<DomainOptions> domainOptions,
    IOptions<OrchestratorOptions> orchestratorOptions,
    ServiceContainers containers,
    IContainerRuntime runtime,
    ResourceNames names,
    HomeserverEndpoint endpoint,
    HomeserverAdmin admin,
    TimeProvider time,
    ILogger<Homeserver> logger)
{
    /// <summary>The uids the images run as (fixed in sandbox-images/synapse and sandbox-images/postgres).</summary>
    private const int SynapseUid = 991, PostgresUid = 999;
    private static readonly TimeSpan StopGrace = TimeSpan.FromSeconds(20);
    private static readonly TimeSpan StartingWait = TimeSpan.FromSeconds(90);

    private readonly SemaphoreSlim _gate = new(1, 1);
    private readonly RestartBackOff _databaseStarts = new(time);
    private readonly RestartBackOff _synapseStarts = new(time);
    private readonly HttpClient _health = new() { Timeout = TimeSpan.FromSeconds(3) };
    private DateTimeOffset? _unhealthySince;
    private Prepared? _prepared;

    private sealed record Prepared(string SynapseImage, string DatabaseImage, HomeserverSecrets Secrets, string DatabaseRecipe, string SynapseRecipe);
    private volatile HomeserverStatus _status = new(HomeserverState.Starting);

    private MatrixOptions Matrix => matrixOptions.Value;

    public HomeserverStatus Status => Matrix switch
    {
        { Enabled: false } => new(HomeserverState.Off),
        { RunsOwnHomeserver: false } => new(HomeserverState.Existing),
        _ => _status,
    };

    /// <summary>Everything of the homeserver on the host: secrets, Synapse's folder, the database's folder.</summary>
    public string Folder => Path.Combine(Path.GetFullPath(orchestratorOptions.Value.DataDirectory), "matrix");
    public string SynapseFolder => Path.Combine(Folder, "synapse");
    public string DatabaseFolder => Path.Combine(Folder, "postgres");

    public async Task KeepRunningAsync(CancellationToken ct)
    {
        if (!Matrix.RunsOwnHomeserver)
        {
            endpoint.Set(null);
            return;
        }
        if (!await _gate.WaitAsync(0, ct)) return; // a pass is under way
        try
        {
            // While it comes up, step on at once instead of waiting for the next pass: a first start is ready in seconds.
            var until = time.GetUtcNow() + StartingWait;
            while (true)
            {
                _status = await StepAsync(ct);
                if (_status.State != HomeserverState.Ready) endpoint.Set(null); // the gateway answers "starting" meanwhile
                if (_status.State != HomeserverState.Starting || time.GetUtcNow() > until) break;
                await Task.Delay(TimeSpan.FromMilliseconds(500), time, ct);
            }
        }
        catch (Exception e) when (e is not OperationCanceledException || !ct.IsCancellationRequested)
        {
            logger.LogWarning(e, "The homeserver could not be checked or started");
            endpoint.Set(null);
            _status = new(HomeserverState.Down, $"{e.GetType().Name}: {e.Message}",
                ProblemGerman: $"Die Plattform konnte den Quartier-Chat nicht prüfen oder starten ({e.GetType().Name}: {e.Message}). Sie versucht es bei jedem Durchgang wieder; Details im Log der Plattform.");
        }
        finally
        {
            _gate.Release();
        }
    }

    private async Task<HomeserverStatus> StepAsync(CancellationToken ct)
    {
        var synapseImage = await containers.ImageIdAsync(Matrix.SynapseImage, ct);
        var databaseImage = await containers.ImageIdAsync(Matrix.PostgresImage, ct);
        if (synapseImage is null || databaseImage is null)
            return new(HomeserverState.Down,
                $"The images {Matrix.SynapseImage} and {Matrix.PostgresImage} are missing: build them with `bash sandbox-images/build.sh` (./jugendlab start does).",
                ProblemGerman: $"Die Images {Matrix.SynapseImage} und {Matrix.PostgresImage} fehlen. Bau sie mit `bash sandbox-images/build.sh` (./jugendlab start macht das).");

        // The folders and configuration files are written once per platform start (and again when an image changed).
        if (_prepared is not { } prepared || prepared.SynapseImage != synapseImage || prepared.DatabaseImage != databaseImage)
        {
            var offset = await UidOffsetAsync(ct);
            var loaded = HomeserverSecrets.LoadOrCreate(Folder);
            _prepared = prepared = new Prepared(synapseImage, databaseImage, loaded,
                await PrepareDatabaseFolderAsync(loaded, offset + PostgresUid, databaseImage, ct),
                await PrepareSynapseFolderAsync(loaded, offset + SynapseUid, synapseImage, ct));
        }
        var (_, _, secrets, databaseRecipe, synapseRecipe) = prepared;

        var database = await EnsureAsync(new ServiceSpec
        {
            Name = names.MatrixDatabaseContainer, Image = Matrix.PostgresImage, Network = names.MatrixNetwork,
            User = $"{PostgresUid}:{PostgresUid}", DataFolder = DatabaseFolder, MemoryBytes = Matrix.PostgresMemoryMb * 1024L * 1024,
            Recipe = databaseRecipe,
        }, _databaseStarts, ct);
        if (database is not { Running: true, IpAddress: { } databaseIp })
            return await DownOrStartingAsync(names.MatrixDatabaseContainer, "database", _databaseStarts, ct);
        if (!await AnswersAsync(databaseIp, 5432, ct))
            return new(HomeserverState.Starting, "The database is starting.");
        _databaseStarts.Succeeded();

        var synapse = await EnsureAsync(new ServiceSpec
        {
            Name = names.SynapseContainer, Image = Matrix.SynapseImage, Network = names.MatrixNetwork,
            User = $"{SynapseUid}:{SynapseUid}", DataFolder = SynapseFolder, MemoryBytes = Matrix.SynapseMemoryMb * 1024L * 1024,
            Recipe = synapseRecipe,
        }, _synapseStarts, ct);
        if (synapse is not { Running: true, IpAddress: { } synapseIp })
            return await DownOrStartingAsync(names.SynapseContainer, "homeserver", _synapseStarts, ct);

        var address = $"http://{synapseIp}:{HomeserverConfig.Port}/";
        if (await HealthyAsync(address, ct))
        {
            _synapseStarts.Succeeded();
            _unhealthySince = null;
            endpoint.Set(address);
            if (_status.State != HomeserverState.Ready) await admin.EnsurePlatformAccountAsync(secrets, ct); // new, or back after a restart
            if (admin.NeighbourhoodRooms is null) await EnsureSpaceAsync(ct);
            var since = _status is { State: HomeserverState.Ready, ReadySince: { } ready } ? ready : time.GetUtcNow();
            if (_status.State != HomeserverState.Ready) logger.LogInformation("The homeserver is ready at {Address}", HomeserverConfig.PublicBaseUrl(domainOptions.Value));
            return new(HomeserverState.Ready, null, since);
        }

        // Running but not answering: give it time to start (or to finish a database upgrade), then restart it.
        _unhealthySince ??= time.GetUtcNow();
        if (time.GetUtcNow() - _unhealthySince > Matrix.UnhealthyRestartAfter && _synapseStarts.TryAttempt())
        {
            logger.LogWarning("The homeserver has not answered its health check for {Time}; restarting it", Matrix.UnhealthyRestartAfter);
            await containers.RestartAsync(names.SynapseContainer, StopGrace, ct);
            _unhealthySince = time.GetUtcNow();
        }
        return new(HomeserverState.Starting, "The homeserver is starting.");
    }

    /// <summary>The neighbourhood's space with its starter rooms; a failure is logged and tried again on the next pass.</summary>
    private async Task EnsureSpaceAsync(CancellationToken ct)
    {
        try
        {
            await admin.EnsureNeighbourhoodSpaceAsync(domainOptions.Value.Base, Matrix.SpaceName, Matrix.Rooms, ct);
        }
        catch (HttpRequestException e)
        {
            logger.LogWarning("Could not make the neighbourhood's space and rooms yet: {Error}", e.Message);
        }
    }

    /// <summary>Makes the container when it is missing or built from another recipe, starts it when it stopped (with back-off).</summary>
    private async Task<ServiceContainer?> EnsureAsync(ServiceSpec spec, RestartBackOff starts, CancellationToken ct)
    {
        var current = await containers.InspectAsync(spec.Name, ct);
        if (current is not null && current.Recipe != spec.Recipe)
        {
            logger.LogInformation("{Container}: its image or configuration changed; making it again", spec.Name);
            await containers.RemoveAsync(spec.Name, StopGrace, ct);
            current = null;
        }
        if (current is null)
        {
            if (!starts.TryAttempt()) return null;
            logger.LogInformation("{Container}: starting", spec.Name);
            await runtime.EnsureNetworkAsync(names.MatrixNetwork,
                new Dictionary<string, string> { [ContainerLabels.Managed] = orchestratorOptions.Value.Instance, [ServiceContainers.ServiceLabel] = "matrix" }, ct);
            await containers.RunAsync(spec, ct);
            return await containers.InspectAsync(spec.Name, ct);
        }
        if (current.Running || !starts.TryAttempt()) return current;
        logger.LogInformation("{Container}: not running; starting it again (attempt {Attempt})", spec.Name, starts.Attempts);
        await containers.StartAsync(spec.Name, ct);
        return await containers.InspectAsync(spec.Name, ct);
    }

    private async Task<HomeserverStatus> DownOrStartingAsync(string container, string what, RestartBackOff starts, CancellationToken ct)
    {
        if (starts.Attempts < 3) return new(HomeserverState.Starting, $"The {what} is starting.");
        var said = await containers.TailLogsAsync(container, 5, ct);
        return new(HomeserverState.Down,
            $"The {what} ({container}) keeps stopping; the platform tries again, less and less often. Its last words: {said.ReplaceLineEndings(" / ")}",
            ProblemGerman: $"{(what == "database" ? "Die Datenbank" : "Der Homeserver")} ({container}) hält immer wieder an; die Plattform versucht es weiter, immer seltener. Seine letzten Zeilen: {said.ReplaceLineEndings(" / ")}");
    }

    private async Task<string> PrepareDatabaseFolderAsync(HomeserverSecrets secrets, int uid, string imageId, CancellationToken ct)
    {
        await PrepareFolderAsync(DatabaseFolder, uid, ct);
        await WriteAsync(Path.Combine(DatabaseFolder, "db-password"), secrets.DatabasePassword, uid, ct);
        return Recipe(imageId, Matrix.PostgresMemoryMb.ToString());
    }

    private async Task<string> PrepareSynapseFolderAsync(HomeserverSecrets secrets, int uid, string imageId, CancellationToken ct)
    {
        await PrepareFolderAsync(SynapseFolder, uid, ct);
        var config = HomeserverConfig.Homeserver(Matrix, domainOptions.Value, secrets, names.MatrixDatabaseContainer);
        var logging = HomeserverConfig.Logging();
        await WriteAsync(Path.Combine(SynapseFolder, "homeserver.yaml"), config, uid, ct);
        await WriteAsync(Path.Combine(SynapseFolder, "log.config"), logging, uid, ct);
        await WriteAsync(Path.Combine(SynapseFolder, "signing.key"), secrets.SigningKey + "\n", uid, ct);
        return Recipe(imageId, Matrix.SynapseMemoryMb.ToString(), config, logging);
    }

    private static string Recipe(params string[] parts) =>
        Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(string.Join('\0', parts))))[..16];

    /// <summary>The folder exists, belongs to the service's uid and nobody else may look in.</summary>
    private static async Task PrepareFolderAsync(string folder, int uid, CancellationToken ct)
    {
        var fresh = !Directory.Exists(folder);
        Directory.CreateDirectory(folder);
        if (OperatingSystem.IsWindows()) return;
        File.SetUnixFileMode(Path.GetDirectoryName(folder)!, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        if (fresh || new DirectoryInfo(folder).UnixFileMode != (UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute))
        {
            File.SetUnixFileMode(folder, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
            await ChownAsync(folder, uid, ct);
        }
    }

    /// <summary>Writes a file the service reads (mode 0600, its uid) only when its content changed.</summary>
    private static async Task WriteAsync(string path, string content, int uid, CancellationToken ct)
    {
        if (File.Exists(path) && await File.ReadAllTextAsync(path, ct) == content) return;
        var temporary = path + ".new";
        await File.WriteAllTextAsync(temporary, content, ct);
        if (!OperatingSystem.IsWindows())
        {
            File.SetUnixFileMode(temporary, UnixFileMode.UserRead | UnixFileMode.UserWrite);
            await ChownAsync(temporary, uid, ct);
        }
        File.Move(temporary, path, overwrite: true);
    }

    private static async Task ChownAsync(string path, int uid, CancellationToken ct)
    {
        var result = await HostCommand.RunAsync(new CommandLine("chown", $"{uid}:{uid}", path), ct);
        if (!result.Succeeded)
            throw new InvalidOperationException($"Could not hand {path} to uid {uid} (chown: {result.Said}); the platform must run as root.");
    }

    /// <summary>With userns-remap the engine's uid 0 is a high host uid: the services' uids on the host are shifted by it.</summary>
    private async Task<int> UidOffsetAsync(CancellationToken ct) =>
        int.Parse((await runtime.EngineRootOwnerAsync(ct)).Split(':')[0]);

    private static async Task<bool> AnswersAsync(string ip, int port, CancellationToken ct)
    {
        using var tcp = new TcpClient();
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(ct);
        timeout.CancelAfter(TimeSpan.FromSeconds(2));
        try
        {
            await tcp.ConnectAsync(ip, port, timeout.Token);
            return true;
        }
        catch (Exception e) when (e is SocketException or OperationCanceledException && !ct.IsCancellationRequested) { return false; }
    }

    private async Task<bool> HealthyAsync(string address, CancellationToken ct)
    {
        try
        {
            using var answer = await _health.GetAsync(address + "health", ct);
            return answer.IsSuccessStatusCode;
        }
        catch (Exception e) when (e is HttpRequestException or TaskCanceledException && !ct.IsCancellationRequested) { return false; }
    }
}
