using System.Net;
using JugendLab.Orchestrator.Configuration;
using JugendLab.Orchestrator.Matrix;
using JugendLab.Orchestrator.State;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Polly;
using Polly.Retry;
using Polly.Timeout;

namespace JugendLab.Orchestrator.Notices;

/// <summary>
/// Sends the notices waiting in the database to their rooms, oldest first, while the homeserver answers. A deploy never
/// waits for this: it only wrote a row. A notice that cannot go out now stays and is tried again later (2 s, doubling
/// up to <see cref="MatrixOptions.NoticeRetryLongest"/>); its transaction id is the same on every try, so the homeserver
/// keeps one message even when an answer was lost on the way. Also keeps the rooms' members in line with the teams.
/// </summary>
public sealed class ChatOutbox(
    IDbContextFactory<JugendLabDb> dbFactory,
    HomeserverAdmin admin,
    HomeserverEndpoint endpoint,
    RoomKeeper rooms,
    ChatSignals signals,
    IOptions<MatrixOptions> matrix,
    TimeProvider time,
    ILogger<ChatOutbox> logger) : BackgroundService
{
    /// <summary>How often the outbox looks for due notices while the homeserver answers.</summary>
    public static readonly TimeSpan Poll = TimeSpan.FromSeconds(1);
    private static readonly TimeSpan KeepSent = TimeSpan.FromDays(30);
    private static readonly TimeSpan RoomSyncRetry = TimeSpan.FromSeconds(10);
    private const int Batch = 50;

    /// <summary>A short retry for a hiccup (a restart of the homeserver's container takes seconds); longer outages are the outbox's own back-off.</summary>
    private readonly ResiliencePipeline _send = new ResiliencePipelineBuilder()
        .AddRetry(new RetryStrategyOptions
        {
            MaxRetryAttempts = 2,
            Delay = TimeSpan.FromMilliseconds(250),
            BackoffType = DelayBackoffType.Exponential,
            UseJitter = true,
            ShouldHandle = new PredicateBuilder().Handle<HttpRequestException>(e => e.StatusCode is null or HttpStatusCode.TooManyRequests || (int)e.StatusCode >= 500)
                .Handle<TaskCanceledException>(),
        })
        .AddTimeout(TimeSpan.FromSeconds(20))
        .Build();

    private DateTimeOffset _lastSync = DateTimeOffset.MinValue;
    private DateTimeOffset _lastPrune = DateTimeOffset.MinValue;

    private bool Ready => matrix.Value.RunsOwnHomeserver && endpoint.Address is not null && admin.PlatformUserId is not null;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (!matrix.Value.RunsOwnHomeserver) return;
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                if (Ready) await PassAsync(stoppingToken);
            }
            catch (Exception e) when (!stoppingToken.IsCancellationRequested)
            {
                logger.LogWarning("The chat outbox could not finish its pass: {Error}", e.Message);
            }
            try
            {
                await Task.Delay(Poll, time, stoppingToken);
            }
            catch (OperationCanceledException) { }
        }
    }

    /// <summary>One pass: the rooms' members when they changed (or now and then), then every due notice.</summary>
    public async Task PassAsync(CancellationToken ct)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var now = time.GetUtcNow();
        if (signals.TakeMembersChanged() || now - _lastSync > matrix.Value.RoomSyncInterval)
        {
            _lastSync = now;
            try
            {
                await rooms.SyncAsync(db, ct);
            }
            catch
            {
                _lastSync = now - matrix.Value.RoomSyncInterval + RoomSyncRetry; // not done: again in a few seconds, not every second
                throw;
            }
        }
        await SendDueAsync(db, ct);
        if (now - _lastPrune > TimeSpan.FromHours(1))
        {
            _lastPrune = now;
            var before = now - KeepSent;
            await db.ChatNotices.Where(n => n.SentAt != null && n.SentAt < before).ExecuteDeleteAsync(ct);
        }
    }

    private async Task SendDueAsync(JugendLabDb db, CancellationToken ct)
    {
        var now = time.GetUtcNow();
        var due = await db.ChatNotices.Where(n => n.SentAt == null && n.NextAttemptAt <= now).OrderBy(n => n.Id).Take(Batch).ToListAsync(ct);
        var held = new HashSet<string>(); // a room whose earlier notice failed: its later ones wait, so they arrive in order
        foreach (var notice in due)
        {
            if (held.Contains(notice.RoomKey)) continue;
            try
            {
                var room = await rooms.RoomForAsync(db, notice.RoomKey, ct);
                if (room is null)
                {
                    notice.Dropped("Nobody who belongs in this room has linked a Matrix account yet.", time.GetUtcNow());
                }
                else
                {
                    await _send.ExecuteAsync(async token => await admin.SendAsync(HttpMethod.Put,
                        $"_matrix/client/v3/rooms/{Uri.EscapeDataString(room)}/send/m.room.message/{notice.TransactionId}",
                        new { msgtype = "m.notice", body = notice.Text }, token), ct);
                    notice.Sent(time.GetUtcNow());
                }
            }
            catch (Exception e) when (e is HttpRequestException or TimeoutRejectedException or TaskCanceledException or InvalidOperationException
                                      && !ct.IsCancellationRequested)
            {
                held.Add(notice.RoomKey);
                notice.Failed(e.Message, time.GetUtcNow(), matrix.Value.NoticeRetryLongest);
                if (e is HttpRequestException { StatusCode: HttpStatusCode.Forbidden or HttpStatusCode.NotFound })
                    await RoomKeeper.ForgetAsync(db, notice.RoomKey, ct); // the room is gone for the platform: a new one next time
                logger.LogInformation("Chat notice {Id} not sent yet (attempt {Attempt}, next at {Next:HH:mm:ss}): {Error}",
                    notice.Id, notice.Attempts, notice.NextAttemptAt, notice.LastError);
            }
            await db.SaveChangesAsync(CancellationToken.None);
        }
    }
}
