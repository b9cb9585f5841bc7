using System.Collections.Concurrent;
using System.Net;
using JugendLab.IntegrationTests.Infrastructure;

namespace JugendLab.IntegrationTests;

/// <summary>A redeploy starts the new container, waits until it answers, switches the route, then drains the old one.
/// A static website's redeploy unpacks the new files beside the old and switches the route to them in one step.</summary>
[Collection(PlatformCollection.Name)]
public sealed class ZeroDowntimeTests(PlatformFixture platform)
{
    [Fact]
    public Task Redeploy_UnderContinuousRequests_LosesNone() =>
        RedeployUnderLoadAsync(text => SampleApps.NodeApp(text), "version one", "version two");

    [Fact]
    public Task StaticSiteRedeploy_UnderContinuousRequests_LosesNone() =>
        RedeployUnderLoadAsync(SampleApps.StaticSite, "<h1>version one</h1>", "<h1>version two</h1>");

    private async Task RedeployUnderLoadAsync(Func<string, Dictionary<string, string>> app, string answerOne, string answerTwo)
    {
        var team = await platform.CreateTeamAsync();
        var project = await platform.CreateProjectAsync(team);
        using var repo = GitRepo.Create(app("version one"));
        (await repo.PushAsync(platform.RemoteUrl(team, project))).AssertSucceeded();

        var failures = new ConcurrentBag<string>();
        var seen = new ConcurrentDictionary<string, int>();
        var requests = 0;
        using var stop = new CancellationTokenSource();
        var load = Enumerable.Range(0, 4).Select(_ => Task.Run(async () =>
        {
            while (!stop.IsCancellationRequested)
            {
                try
                {
                    using var response = await platform.Sites.GetAsync(platform.SiteUrl(project));
                    var body = await response.Content.ReadAsStringAsync();
                    Interlocked.Increment(ref requests);
                    if (response.StatusCode != HttpStatusCode.OK) failures.Add($"{(int)response.StatusCode}: {body[..Math.Min(80, body.Length)]}");
                    else seen.AddOrUpdate(body.Trim(), 1, (_, n) => n + 1);
                }
                catch (Exception e) when (e is HttpRequestException or TaskCanceledException)
                {
                    failures.Add(e.Message);
                }
            }
        })).ToArray();

        repo.Commit(app("version two"), "second version");
        var push = await repo.PushAsync(platform.RemoteUrl(team, project));
        await Task.Delay(TimeSpan.FromSeconds(7)); // past the drain (2 s) and the old container's stop (up to 2 s)
        await stop.CancelAsync();
        await Task.WhenAll(load);

        Assert.True(push.Succeeded, push.ToString());
        Assert.True(failures.IsEmpty, $"{failures.Count} of {requests} requests failed, e.g. {failures.FirstOrDefault()}");
        Assert.Contains(answerOne, seen.Keys);
        Assert.Contains(answerTwo, seen.Keys);
        Assert.True(requests > 100, $"only {requests} requests were made");
    }
}
