using System.Collections.Concurrent;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using JugendLab.Orchestrator.Configuration;
using JugendLab.Orchestrator.Matrix;
using JugendLab.Orchestrator.State;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace JugendLab.Orchestrator.Notices;

/// <summary>
/// Listens in the platform's rooms for commands (<see cref="BotCommand"/>) with the client API's long-polling sync,
/// and answers through <see cref="BotCommands"/>. Messages sent while the platform was not listening are not answered
/// later: an old <c>!deploy</c> should not surprise anyone.
/// </summary>
public sealed class ChatBot(
    IServiceScopeFactory scopes,
    IDbContextFactory<JugendLabDb> dbFactory,
    HomeserverAdmin admin,
    HomeserverEndpoint endpoint,
    IOptions<MatrixOptions> matrix,
    TimeProvider time,
    ILogger<ChatBot> logger) : BackgroundService
{
    private static readonly TimeSpan LongPoll = TimeSpan.FromSeconds(25);

    /// <summary>Only new messages of the kinds the bot reads, without member lists or presence.</summary>
    private const string Filter =
        """{"presence":{"types":[]},"account_data":{"types":[]},"room":{"state":{"types":[]},"ephemeral":{"types":[]},"account_data":{"types":[]},"timeline":{"types":["m.room.message"],"limit":20}}}""";

    /// <summary>At most this many commands per person a minute; more are not answered (a loop in someone's script must not flood a room).</summary>
    private const int PerMinute = 10;

    private readonly HttpClient _http = new() { Timeout = LongPoll + TimeSpan.FromSeconds(15) };
    private readonly ConcurrentDictionary<string, Queue<DateTimeOffset>> _recent = new();
    private readonly RecentIds _handled = new(1000);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (!matrix.Value.RunsOwnHomeserver) return;
        string? since = null;
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                if (endpoint.Address is null || admin.AccessToken is null)
                {
                    await Task.Delay(TimeSpan.FromSeconds(1), time, stoppingToken);
                    continue;
                }
                since = await SyncAsync(since, stoppingToken);
            }
            catch (Exception e) when (!stoppingToken.IsCancellationRequested)
            {
                logger.LogInformation("The chat bot lost the homeserver for a moment: {Error}", e.Message);
                try { await Task.Delay(TimeSpan.FromSeconds(2), time, stoppingToken); } catch (OperationCanceledException) { }
            }
            catch (OperationCanceledException) { }
        }
    }

    /// <summary>One sync; the first one only notes where "now" is.</summary>
    private async Task<string> SyncAsync(string? since, CancellationToken ct)
    {
        var url = $"{admin.Address()}_matrix/client/v3/sync?filter={Uri.EscapeDataString(Filter)}&timeout={(since is null ? 0 : (int)LongPoll.TotalMilliseconds)}"
                  + (since is null ? "" : $"&since={Uri.EscapeDataString(since)}");
        using var request = new HttpRequestMessage(HttpMethod.Get, url);
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", admin.AccessToken);
        using var answer = await _http.SendAsync(request, ct);
        answer.EnsureSuccessStatusCode();
        var body = await answer.Content.ReadFromJsonAsync<JsonElement>(ct);
        if (since is not null && body.TryGetProperty("rooms", out var rooms) && rooms.TryGetProperty("join", out var joined))
            foreach (var room in joined.EnumerateObject())
                if (room.Value.TryGetProperty("timeline", out var timeline) && timeline.TryGetProperty("events", out var events))
                    foreach (var e in events.EnumerateArray())
                    {
                        // A message is answered once, even when a later one fails and this batch is read again.
                        var eventId = e.TryGetProperty("event_id", out var id) ? id.GetString() : null;
                        if (eventId is null || !_handled.Add(eventId)) continue;
                        try
                        {
                            await HandleAsync(room.Name, eventId, e, ct);
                        }
                        catch (Exception error) when (error is not OperationCanceledException)
                        {
                            logger.LogWarning(error, "Could not answer a command in the chat room {Room}", room.Name);
                        }
                    }
        return body.GetProperty("next_batch").GetString()!;
    }

    private async Task HandleAsync(string roomId, string eventId, JsonElement e, CancellationToken ct)
    {
        var sender = e.TryGetProperty("sender", out var s) ? s.GetString() : null;
        if (sender is null || sender == admin.PlatformUserId) return;
        if (!e.TryGetProperty("content", out var content) || !content.TryGetProperty("body", out var b) || b.ValueKind != JsonValueKind.String) return;
        if (content.TryGetProperty("msgtype", out var type) && type.GetString() is not ("m.text" or null)) return;
        if (BotCommand.Parse(b.GetString()) is not { } command) return;
        if (!WithinLimit(sender)) return;

        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var key = await db.ChatRooms.Where(r => r.RoomId == roomId).Select(r => r.Key).SingleOrDefaultAsync(ct);
        if (key is null) return; // one of the neighbourhood's rooms: the platform only listens in its own
        string reply;
        await using (var scope = scopes.CreateAsyncScope())
            reply = await scope.ServiceProvider.GetRequiredService<BotCommands>().AnswerAsync(key, sender, command, ct);
        // The same answer to the same message is kept once, even if this runs twice.
        var txn = "jugendlab-reply-" + Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(eventId)))[..32];
        await admin.SendAsync(HttpMethod.Put, $"_matrix/client/v3/rooms/{Uri.EscapeDataString(roomId)}/send/m.room.message/{txn}",
            new Dictionary<string, object>
            {
                ["msgtype"] = "m.notice",
                ["body"] = reply,
                ["m.relates_to"] = new Dictionary<string, object> { ["m.in_reply_to"] = new { event_id = eventId } },
            }, ct);
        logger.LogInformation("Answered {Command} in the chat room {Key}", command.Name, key);
    }

    private bool WithinLimit(string sender)
    {
        var now = time.GetUtcNow();
        var recent = _recent.GetOrAdd(sender, _ => new Queue<DateTimeOffset>());
        lock (recent)
        {
            while (recent.Count > 0 && now - recent.Peek() > TimeSpan.FromMinutes(1)) recent.Dequeue();
            if (recent.Count >= PerMinute) return false;
            recent.Enqueue(now);
            return true;
        }
    }

    public override void Dispose()
    {
        _http.Dispose();
        base.Dispose();
    }
}

/// <summary>The last <paramref name="capacity"/> IDs seen, oldest forgotten first.</summary>
internal sealed class RecentIds(int capacity)
{
    private readonly HashSet<string> _ids = [];
    private readonly Queue<string> _order = new();

    /// <summary>True when the ID is new (and now remembered).</summary>
    public bool Add(string id)
    {
        if (!_ids.Add(id)) return false;
        _order.Enqueue(id);
        if (_order.Count > capacity) _ids.Remove(_order.Dequeue());
        return true;
    }
}
