using System.Text.Json;
using JugendLab.IntegrationTests.Infrastructure;

namespace JugendLab.IntegrationTests.Matrix;

/// <summary>Waiting for the test platform's homeserver.</summary>
internal static class HomeserverWaiting
{
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
