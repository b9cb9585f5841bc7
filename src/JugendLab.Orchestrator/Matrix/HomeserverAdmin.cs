using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization;
using JugendLab.Orchestrator.Configuration;
using Microsoft.Extensions.Options;

namespace JugendLab.Orchestrator.Matrix;

/// <summary>How a registration ended: the new user ID, or the homeserver's error code (e.g. M_USER_IN_USE).</summary>
public sealed record RegistrationResult(string? UserId, string? Error);

/// <summary>An account on the homeserver, as staff see it.</summary>
public sealed record NeighbourAccount(string UserId, string? DisplayName, bool Admin, bool Deactivated, DateTimeOffset? CreatedAt);

/// <summary>A message someone reported in their Matrix app: who reported it, who wrote it, where, why, and the text.</summary>
public sealed record ChatReport(long Id, DateTimeOffset At, string? Room, string Reporter, string Sender, string? Reason, string? Text);

/// <summary>What staff see about the homeserver.</summary>
public sealed record HomeserverFacts(string Version, long Accounts, long Rooms);

/// <summary>
/// The platform's own account on the homeserver (an admin, <c>@jugendlab:&lt;base domain&gt;</c>) and the admin API,
/// called on the homeserver's own network, never through the gateway. The account's password and access token are
/// kept beside the homeserver's secrets, readable by the platform alone.
/// </summary>
public sealed class HomeserverAdmin(HomeserverEndpoint endpoint, IOptions<OrchestratorOptions> orchestratorOptions)
{
    public const string AccountName = "jugendlab";
    private const string AccountFile = "platform-account.json";

    private readonly HttpClient _http = new() { Timeout = TimeSpan.FromSeconds(15) };
    private readonly SemaphoreSlim _gate = new(1, 1);
    private PlatformAccount? _account;

    private string Folder => Path.Combine(Path.GetFullPath(orchestratorOptions.Value.DataDirectory), "matrix");

    /// <summary>Makes the platform's account on a new homeserver, or checks that its token still works (signs in again if not).</summary>
    public async Task EnsurePlatformAccountAsync(HomeserverSecrets secrets, CancellationToken ct)
    {
        await _gate.WaitAsync(ct);
        try
        {
            var address = Address();
            var path = Path.Combine(Folder, AccountFile);
            var account = _account ?? (File.Exists(path) ? JsonSerializer.Deserialize<PlatformAccount>(await File.ReadAllTextAsync(path, ct)) : null);
            if (account is null)
            {
                account = await RegisterAsync(address, secrets.RegistrationSharedSecret, ct);
                await SaveAsync(path, account, ct);
            }
            else if (!await TokenWorksAsync(address, account.AccessToken, ct))
            {
                account = account with { AccessToken = await SignInAsync(address, account, ct) };
                await SaveAsync(path, account, ct);
            }
            _account = account;
            // The platform posts for every team: the homeserver's limits for one person's messages and new rooms are
            // not meant for it (it answered 429 to the third room made in a row).
            await SendAsync(HttpMethod.Post, $"_synapse/admin/v1/users/{Uri.EscapeDataString(account.UserId)}/override_ratelimit",
                new { messages_per_second = 0, burst_count = 0 }, ct);
        }
        finally
        {
            _gate.Release();
        }
    }

    public async Task<HomeserverFacts> FactsAsync(CancellationToken ct)
    {
        var address = Address();
        var token = _account?.AccessToken ?? throw new InvalidOperationException("The platform has no account on the homeserver yet.");
        var version = await GetAsync(address, "_synapse/admin/v1/server_version", token, ct);
        var users = await GetAsync(address, "_synapse/admin/v2/users?limit=1&guests=false&deactivated=false", token, ct);
        var rooms = await GetAsync(address, "_synapse/admin/v1/rooms?limit=1", token, ct);
        return new HomeserverFacts(version.GetProperty("server_version").GetString() ?? "?",
            users.GetProperty("total").GetInt64(), rooms.GetProperty("total_rooms").GetInt64());
    }

    // ----- Moderation: accounts and what people report in their apps -----

    public async Task<IReadOnlyList<NeighbourAccount>> AccountsAsync(int limit, CancellationToken ct) =>
        (await SendAsync(HttpMethod.Get, $"_synapse/admin/v2/users?from=0&limit={limit}&guests=false&order_by=creation_ts&dir=b", null, ct))
        .GetProperty("users").EnumerateArray().Select(ReadAccount).ToList();

    /// <summary>Deactivates a local account and erases what it wrote (its messages are hidden from people who join later) and its profile.</summary>
    public async Task DeactivateAsync(string userId, CancellationToken ct) =>
        await SendAsync(HttpMethod.Post, $"_synapse/admin/v1/deactivate/{Uri.EscapeDataString(userId)}", new { erase = true }, ct);

    /// <summary>One account, or null when the homeserver has none by that ID.</summary>
    public async Task<NeighbourAccount?> AccountAsync(string userId, CancellationToken ct)
    {
        try { return ReadAccount(await SendAsync(HttpMethod.Get, $"_synapse/admin/v2/users/{Uri.EscapeDataString(userId)}", null, ct)); }
        catch (HttpRequestException e) when (e.StatusCode is HttpStatusCode.NotFound or HttpStatusCode.BadRequest) { return null; }
    }

    private static NeighbourAccount ReadAccount(JsonElement u) => new(u.GetProperty("name").GetString()!,
        u.TryGetProperty("displayname", out var d) && d.ValueKind == JsonValueKind.String ? d.GetString() : null,
        u.TryGetProperty("admin", out var a) && a.ValueKind == JsonValueKind.True,
        u.TryGetProperty("deactivated", out var x) && x.ValueKind == JsonValueKind.True,
        u.TryGetProperty("creation_ts", out var c) && c.ValueKind == JsonValueKind.Number ? DateTimeOffset.FromUnixTimeMilliseconds(c.GetInt64()) : null);

    /// <summary>The newest reports with the reported message's text. The list does not carry the text, so each report's
    /// details are read too, a few at a time rather than one after the other.</summary>
    public async Task<IReadOnlyList<ChatReport>> ReportsAsync(CancellationToken ct)
    {
        var list = (await SendAsync(HttpMethod.Get, "_synapse/admin/v1/event_reports?from=0&limit=50&dir=b", null, ct)).GetProperty("event_reports");
        var ids = list.EnumerateArray().Select(r => r.GetProperty("id").GetInt64()).ToList();
        var reports = new ChatReport?[ids.Count];
        await Parallel.ForEachAsync(Enumerable.Range(0, ids.Count), new ParallelOptions { MaxDegreeOfParallelism = 4, CancellationToken = ct },
            async (i, token) => reports[i] = await ReportAsync(ids[i], token));
        return reports.OfType<ChatReport>().ToList();
    }

    /// <summary>One report with the message's text; null when it is gone (someone else handled it a moment ago).</summary>
    public async Task<ChatReport?> ReportAsync(long id, CancellationToken ct)
    {
        JsonElement r;
        try { r = await SendAsync(HttpMethod.Get, $"_synapse/admin/v1/event_reports/{id}", null, ct); }
        catch (HttpRequestException e) when (e.StatusCode == HttpStatusCode.NotFound) { return null; }
        var text = r.TryGetProperty("event_json", out var ev) && ev.TryGetProperty("content", out var content)
                   && content.TryGetProperty("body", out var body) && body.ValueKind == JsonValueKind.String ? body.GetString() : null;
        return new ChatReport(id, DateTimeOffset.FromUnixTimeMilliseconds(r.GetProperty("received_ts").GetInt64()),
            r.TryGetProperty("name", out var room) && room.ValueKind == JsonValueKind.String ? room.GetString() : r.GetProperty("room_id").GetString(),
            r.GetProperty("user_id").GetString()!, r.GetProperty("sender").GetString()!,
            r.TryGetProperty("reason", out var reason) && reason.ValueKind == JsonValueKind.String ? reason.GetString() : null, text);
    }

    public async Task DeleteReportAsync(long id, CancellationToken ct) =>
        await SendAsync(HttpMethod.Delete, $"_synapse/admin/v1/event_reports/{id}", null, ct);

    // ----- The neighbourhood's space and its starter rooms -----

    /// <summary>The space and its rooms (room IDs, the space first) once they are made or found; null before.</summary>
    public IReadOnlyList<string>? NeighbourhoodRooms { get; private set; }

    /// <summary>Finds the space and the starter rooms by their aliases and makes what is missing: public within this
    /// homeserver, the rooms linked to the space both ways, so Matrix apps show them together.</summary>
    public async Task EnsureNeighbourhoodSpaceAsync(string serverName, string spaceName, IReadOnlyList<string> rooms, CancellationToken ct)
    {
        var space = await EnsureRoomAsync(serverName, NeighbourhoodSpace.SpaceAlias, spaceName, isSpace: true, ct);
        var ids = new List<string> { space };
        foreach (var name in rooms)
        {
            var room = await EnsureRoomAsync(serverName, NeighbourhoodSpace.AliasOf(name), name, isSpace: false, ct);
            var via = new { via = new[] { serverName } };
            await SendAsync(HttpMethod.Put, $"_matrix/client/v3/rooms/{Uri.EscapeDataString(space)}/state/m.space.child/{Uri.EscapeDataString(room)}", via, ct);
            await SendAsync(HttpMethod.Put, $"_matrix/client/v3/rooms/{Uri.EscapeDataString(room)}/state/m.space.parent/{Uri.EscapeDataString(space)}",
                new { via = new[] { serverName }, canonical = true }, ct);
            ids.Add(room);
        }
        NeighbourhoodRooms = ids;
    }

    private async Task<string> EnsureRoomAsync(string serverName, string alias, string name, bool isSpace, CancellationToken ct)
    {
        try
        {
            var found = await SendAsync(HttpMethod.Get, $"_matrix/client/v3/directory/room/{Uri.EscapeDataString($"#{alias}:{serverName}")}", null, ct);
            return found.GetProperty("room_id").GetString()!;
        }
        catch (HttpRequestException e) when (e.StatusCode == HttpStatusCode.NotFound) { }
        var created = await SendAsync(HttpMethod.Post, "_matrix/client/v3/createRoom", isSpace
            ? new
            {
                name, room_alias_name = alias, preset = "public_chat", visibility = "public",
                creation_content = new Dictionary<string, string> { ["type"] = "m.space" },
                // In the space itself only the platform (and admins it names) change things; people talk in its rooms.
                power_level_content_override = new { events_default = 100, invite = 0 },
            }
            : (object)new { name, room_alias_name = alias, preset = "public_chat", visibility = "public" }, ct);
        return created.GetProperty("room_id").GetString()!;
    }

    /// <summary>Puts a new neighbour into the space and its rooms (the admin API joins a local user to a room the platform is in).</summary>
    public async Task JoinNeighbourhoodAsync(string userId, CancellationToken ct)
    {
        foreach (var room in NeighbourhoodRooms ?? [])
            await SendAsync(HttpMethod.Post, $"_synapse/admin/v1/join/{Uri.EscapeDataString(room)}", new { user_id = userId }, ct);
    }

    // ----- Registration tokens (neighbourhood invites), through the admin API -----

    public async Task<NeighbourInvite> CreateRegistrationTokenAsync(int uses, DateTimeOffset expiresAt, CancellationToken ct) =>
        ReadInvite(await SendAsync(HttpMethod.Post, "_synapse/admin/v1/registration_tokens/new",
            new { uses_allowed = uses, expiry_time = expiresAt.ToUnixTimeMilliseconds() }, ct));

    public async Task<IReadOnlyList<NeighbourInvite>> ListRegistrationTokensAsync(CancellationToken ct) =>
        (await SendAsync(HttpMethod.Get, "_synapse/admin/v1/registration_tokens", null, ct))
        .GetProperty("registration_tokens").EnumerateArray().Select(ReadInvite).ToList();

    /// <summary>The token, or null when the homeserver does not know it.</summary>
    public async Task<NeighbourInvite?> RegistrationTokenAsync(string token, CancellationToken ct)
    {
        try { return ReadInvite(await SendAsync(HttpMethod.Get, $"_synapse/admin/v1/registration_tokens/{Uri.EscapeDataString(token)}", null, ct)); }
        catch (HttpRequestException e) when (e.StatusCode is HttpStatusCode.NotFound or HttpStatusCode.BadRequest) { return null; }
    }

    public async Task DeleteRegistrationTokenAsync(string token, CancellationToken ct) =>
        await SendAsync(HttpMethod.Delete, $"_synapse/admin/v1/registration_tokens/{Uri.EscapeDataString(token)}", null, ct);

    private static NeighbourInvite ReadInvite(JsonElement t) => new(
        t.GetProperty("token").GetString()!,
        t.GetProperty("uses_allowed").ValueKind == JsonValueKind.Number ? t.GetProperty("uses_allowed").GetInt32() : null,
        t.GetProperty("completed").GetInt32(),
        t.GetProperty("pending").GetInt32(),
        t.GetProperty("expiry_time").ValueKind == JsonValueKind.Number ? DateTimeOffset.FromUnixTimeMilliseconds(t.GetProperty("expiry_time").GetInt64()) : null);

    /// <summary>
    /// Registers a neighbour through the client API, the way a Matrix app would: the registration token, then the
    /// dummy stage. The neighbour's address goes along as X-Forwarded-For, so the homeserver's own limits count per person.
    /// </summary>
    public async Task<RegistrationResult> RegisterWithTokenAsync(string token, string userName, string password, string? address, CancellationToken ct)
    {
        var url = Address() + "_matrix/client/v3/register";
        string? session = null;
        object?[] stages = [null, "m.login.registration_token", "m.login.dummy"];
        foreach (var stage in stages)
        {
            object? auth = stage switch
            {
                null => null,
                "m.login.registration_token" => new { type = stage, token, session },
                _ => new { type = stage, session },
            };
            // The first request has no "auth" at all (Synapse answers a null one with an internal error).
            object payload = auth is null
                ? new { username = userName, password, inhibit_login = true }
                : new { username = userName, password, inhibit_login = true, auth };
            using var request = new HttpRequestMessage(HttpMethod.Post, url) { Content = JsonContent.Create(payload) };
            if (!string.IsNullOrEmpty(address)) request.Headers.TryAddWithoutValidation("X-Forwarded-For", address);
            using var answer = await _http.SendAsync(request, ct);
            var body = await answer.Content.ReadFromJsonAsync<JsonElement>(ct);
            if (answer.IsSuccessStatusCode) return new RegistrationResult(body.GetProperty("user_id").GetString(), null);
            if (body.TryGetProperty("errcode", out var code) && answer.StatusCode != HttpStatusCode.Unauthorized)
                return new RegistrationResult(null, code.GetString());
            if (answer.StatusCode != HttpStatusCode.Unauthorized) answer.EnsureSuccessStatusCode();
            if (body.TryGetProperty("errcode", out var stageError)) return new RegistrationResult(null, stageError.GetString());
            session ??= body.GetProperty("session").GetString();
        }
        return new RegistrationResult(null, "M_UNKNOWN");
    }

    /// <summary>The platform's account, e.g. <c>@jugendlab:lab.example.org</c>; null before it exists.</summary>
    public string? PlatformUserId => _account?.UserId;

    /// <summary>The platform account's access token, for the bot's long-running sync (never logged); null before it exists.</summary>
    internal string? AccessToken => _account?.AccessToken;

    /// <summary>One call to the homeserver as the platform's account (client or admin API); a refusal is an
    /// <see cref="HttpRequestException"/> with the status code.</summary>
    public async Task<JsonElement> SendAsync(HttpMethod method, string path, object? body, CancellationToken ct)
    {
        var token = _account?.AccessToken ?? throw new InvalidOperationException("The platform has no account on the homeserver yet.");
        using var request = new HttpRequestMessage(method, Address() + path) { Content = body is null ? null : JsonContent.Create(body) };
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        using var answer = await _http.SendAsync(request, ct);
        if (!answer.IsSuccessStatusCode)
            throw new HttpRequestException($"The homeserver answered {method} {path.Split('?')[0]} with {(int)answer.StatusCode}: {await answer.Content.ReadAsStringAsync(ct)}",
                null, answer.StatusCode);
        return await answer.Content.ReadFromJsonAsync<JsonElement>(ct);
    }

    internal string Address() => endpoint.Address ?? throw new InvalidOperationException("The homeserver is not running.");

    private async Task<JsonElement> GetAsync(string address, string path, string token, CancellationToken ct)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, address + path);
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        using var answer = await _http.SendAsync(request, ct);
        answer.EnsureSuccessStatusCode();
        return await answer.Content.ReadFromJsonAsync<JsonElement>(ct);
    }

    /// <summary>Shared-secret registration (Synapse's admin API): an HMAC of nonce, name, password and "admin" proves the platform knows the secret.</summary>
    private async Task<PlatformAccount> RegisterAsync(string address, string sharedSecret, CancellationToken ct)
    {
        var url = address + "_synapse/admin/v1/register";
        var nonce = (await _http.GetFromJsonAsync<JsonElement>(url, ct)).GetProperty("nonce").GetString()!;
        var password = RandomNumberGenerator.GetString("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789", 32);
        var mac = Convert.ToHexStringLower(HMACSHA1.HashData(Encoding.UTF8.GetBytes(sharedSecret),
            Encoding.UTF8.GetBytes($"{nonce}\0{AccountName}\0{password}\0admin")));
        using var answer = await _http.PostAsJsonAsync(url,
            new { nonce, username = AccountName, displayname = "JugendLab", password, admin = true, mac }, ct);
        if (!answer.IsSuccessStatusCode)
            throw new InvalidOperationException(
                $"The homeserver refused the platform's account ({(int)answer.StatusCode}: {await answer.Content.ReadAsStringAsync(ct)}). " +
                $"If {Path.Combine(Folder, AccountFile)} was lost, deactivate @{AccountName} with Synapse's admin API and start the platform again.");
        var registered = await answer.Content.ReadFromJsonAsync<JsonElement>(ct);
        return new PlatformAccount(registered.GetProperty("user_id").GetString()!, password, registered.GetProperty("access_token").GetString()!);
    }

    private async Task<string> SignInAsync(string address, PlatformAccount account, CancellationToken ct)
    {
        using var answer = await _http.PostAsJsonAsync(address + "_matrix/client/v3/login", new
        {
            type = "m.login.password",
            identifier = new { type = "m.id.user", user = account.UserId },
            password = account.Password,
            device_id = "JUGENDLAB",
        }, ct);
        answer.EnsureSuccessStatusCode();
        return (await answer.Content.ReadFromJsonAsync<JsonElement>(ct)).GetProperty("access_token").GetString()!;
    }

    private async Task<bool> TokenWorksAsync(string address, string token, CancellationToken ct)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, address + "_matrix/client/v3/account/whoami");
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        using var answer = await _http.SendAsync(request, ct);
        if (answer.StatusCode == HttpStatusCode.Unauthorized) return false;
        answer.EnsureSuccessStatusCode();
        return true;
    }

    private static async Task SaveAsync(string path, PlatformAccount account, CancellationToken ct)
    {
        var temporary = path + ".new";
        await File.WriteAllTextAsync(temporary, JsonSerializer.Serialize(account), ct);
        if (!OperatingSystem.IsWindows()) File.SetUnixFileMode(temporary, UnixFileMode.UserRead | UnixFileMode.UserWrite);
        File.Move(temporary, path, overwrite: true);
    }

    private sealed record PlatformAccount(
        [property: JsonPropertyName("user_id")] string UserId,
        [property: JsonPropertyName("password")] string Password,
        [property: JsonPropertyName("access_token")] string AccessToken);
}
