using System.Net.Http.Json;
using System.Text.Json;
using JugendLab.IntegrationTests.Infrastructure;

namespace JugendLab.IntegrationTests.Matrix;

/// <summary>The test platform's homeserver: waiting for it, and reading what an account sees.</summary>
internal static class HomeserverTesting
{
    /// <summary>The names of the rooms the account with <paramref name="token"/> is in, read through the gateway as a Matrix app would.</summary>
    public static async Task<List<string>> RoomNamesAsync(this PlatformFixture platform, string token)
    {
        Uri Homeserver(string path) => new($"http://matrix.lab.localhost:{platform.Platform.Port}{path}");
        using var joinedRequest = new HttpRequestMessage(HttpMethod.Get, Homeserver("/_matrix/client/v3/joined_rooms"));
        joinedRequest.Headers.Authorization = new("Bearer", token);
        var joined = await PlatformFixture.ReadJson(await platform.Sites.SendAsync(joinedRequest));
        var names = new List<string>();
        foreach (var room in joined.GetProperty("joined_rooms").EnumerateArray())
        {
            using var nameRequest = new HttpRequestMessage(HttpMethod.Get,
                Homeserver($"/_matrix/client/v3/rooms/{Uri.EscapeDataString(room.GetString()!)}/state/m.room.name/"));
            nameRequest.Headers.Authorization = new("Bearer", token);
            using var answer = await platform.Sites.SendAsync(nameRequest);
            if (answer.IsSuccessStatusCode) names.Add((await answer.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("name").GetString()!);
        }
        return names;
    }

    /// <summary>Waits until the platform reports the homeserver ready with its facts, and returns that report; fails at once when it is down.</summary>
    public static async Task<JsonElement> WaitForHomeserverAsync(this PlatformFixture platform, TimeSpan? timeout = null)
    {
        JsonElement report = default;
        await platform.WaitForPlatformAsync(async () =>
        {
            report = await PlatformFixture.ReadJson(await platform.Api.GetAsync("matrix"));
            if (report.GetProperty("state").GetString() == "Down")
                throw new InvalidOperationException($"The homeserver is down: {report.GetProperty("problem").GetString()}");
            return report.GetProperty("state").GetString() == "Ready" && report.GetProperty("facts").ValueKind == JsonValueKind.Object;
        }, timeout ?? TimeSpan.FromMinutes(3), "the homeserver to be ready");
        return report;
    }
}
