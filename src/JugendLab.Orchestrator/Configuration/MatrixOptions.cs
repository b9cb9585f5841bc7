namespace JugendLab.Orchestrator.Configuration;

/// <summary>
/// The neighbourhood's Matrix homeserver: Synapse on PostgreSQL, run by the platform beside the projects. Neighbours'
/// user IDs end in the platform's base domain (<c>@mia:lab.example.org</c>); the homeserver itself answers at
/// <c>matrix.&lt;base domain&gt;</c>, found through <c>/.well-known/matrix/*</c> on the base domain.
/// </summary>
public sealed class MatrixOptions
{
    public const string Section = "JugendLab:Matrix";

    /// <summary>Off: no homeserver, no containers, no well-known answers.</summary>
    public bool Enabled { get; set; } = true;

    /// <summary>An existing homeserver to use instead of running one (its client address, e.g. <c>https://matrix.example.org</c>).
    /// Empty: the platform runs its own.</summary>
    public string ExistingHomeserverUrl { get; set; } = "";

    /// <summary>Other homeservers this one may talk to. Empty (the default): federation is off, the neighbourhood's chat stays on this box.</summary>
    public List<string> FederationAllowList { get; set; } = [];

    /// <summary>Uploaded pictures and files older than this are deleted from the box.</summary>
    public TimeSpan MediaRetention { get; set; } = TimeSpan.FromDays(365);

    /// <summary>The neighbourhood's space (a group of rooms) that every new neighbour joins; made on the first start.</summary>
    public string SpaceName { get; set; } = "Unser Quartier";

    /// <summary>Rooms made in the space on the first start. Empty: <see cref="DefaultStarterRooms"/>.</summary>
    public List<string> StarterRooms { get; set; } = [];

    public static readonly IReadOnlyList<string> DefaultStarterRooms = ["Nachbarschaftshilfe", "Infos aus dem Quartier", "Jugend-IT"];

    /// <summary>The starter rooms in effect (configuration binding adds to a list, so the defaults live apart).</summary>
    public IReadOnlyList<string> Rooms => StarterRooms.Count > 0 ? StarterRooms : DefaultStarterRooms;

    public string SynapseImage { get; set; } = "jugendlab/synapse:latest";
    public string PostgresImage { get; set; } = "jugendlab/postgres:latest";
    public int SynapseMemoryMb { get; set; } = 768;
    public int PostgresMemoryMb { get; set; } = 256;

    /// <summary>How long the homeserver may fail its health check before the platform restarts it.</summary>
    public TimeSpan UnhealthyRestartAfter { get; set; } = TimeSpan.FromMinutes(2);

    /// <summary>The longest wait between two tries of a chat notice while the homeserver does not answer.</summary>
    public TimeSpan NoticeRetryLongest { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>How often every chat room's members are compared with the teams, besides right after a change.</summary>
    public TimeSpan RoomSyncInterval { get; set; } = TimeSpan.FromMinutes(5);

    public bool RunsOwnHomeserver => Enabled && string.IsNullOrWhiteSpace(ExistingHomeserverUrl);

    public bool IsValid() =>
        SynapseMemoryMb >= 128 && PostgresMemoryMb >= 64 && MediaRetention > TimeSpan.Zero && UnhealthyRestartAfter > TimeSpan.Zero
        && NoticeRetryLongest >= TimeSpan.FromSeconds(2) && RoomSyncInterval >= TimeSpan.FromSeconds(1)
        && (string.IsNullOrWhiteSpace(ExistingHomeserverUrl) || Uri.IsWellFormedUriString(ExistingHomeserverUrl, UriKind.Absolute))
        && FederationAllowList.All(s => !string.IsNullOrWhiteSpace(s) && !s.Contains('/'))
        && !string.IsNullOrWhiteSpace(SpaceName) && StarterRooms.All(r => !string.IsNullOrWhiteSpace(r));
}
