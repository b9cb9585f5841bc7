using System.Net;
using JugendLab.Orchestrator.Accounts;
using JugendLab.Orchestrator.Configuration;
using JugendLab.Web.Accounts;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;

namespace JugendLab.Tests.Accounts;

/// <summary>The guard before every password check, with a fake password check that counts how often it runs.</summary>
public sealed class SignInGuardTests : IDisposable
{
    private const string Right = "right-password";
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 12, 2, 12, 0, 0, TimeSpan.Zero));
    private readonly SignInGuard _guard;
    private int _checks;

    public SignInGuardTests()
    {
        _guard = Guard(new SignInOptions { RefusalPause = TimeSpan.Zero });
    }

    private SignInGuard Guard(SignInOptions options) => new(Options.Create(options), _time);

    private Task<SignInOutcome> SignInAsync(string account, string password, string address = "203.0.113.7", SignInGuard? guard = null) =>
        (guard ?? _guard).SignInWithPasswordAsync(account, address, _ =>
        {
            Interlocked.Increment(ref _checks);
            return Task.FromResult(password == Right ? new Actor(1, account, Role.Youth) : null);
        }, CancellationToken.None);

    [Fact]
    public async Task AfterFiveWrongPasswords_EvenTheRightOneIsRefused_WithoutBeingChecked()
    {
        for (var i = 0; i < 5; i++) Assert.Null((await SignInAsync("mia", "guess" + i)).Refusal);
        var checks = _checks;

        var outcome = await SignInAsync("mia", Right);

        Assert.Null(outcome.Actor);
        Assert.Equal(RefusalReason.TooManyFailures, outcome.Refusal?.Reason);
        Assert.Equal(StatusCodes.Status429TooManyRequests, outcome.Refusal!.Status);
        Assert.Equal(1, outcome.Refusal.RetryAfterSeconds(_time.GetUtcNow()));
        Assert.Equal(checks, _checks);
    }

    [Fact]
    public async Task ALockedAccount_IsRefusedFromEveryAddress()
    {
        for (var i = 0; i < 5; i++) await SignInAsync("mia", "guess" + i, address: $"198.51.100.{i}");

        var outcome = await SignInAsync("mia", Right, address: "192.0.2.99");

        Assert.Equal(RefusalReason.TooManyFailures, outcome.Refusal?.Reason);
    }

    [Fact]
    public async Task OnceTheWaitIsOver_TheRightPasswordWorks_AndTheCountStartsOver()
    {
        for (var i = 0; i < 5; i++) await SignInAsync("mia", "guess" + i);
        _time.Advance(TimeSpan.FromSeconds(1));

        Assert.Equal("mia", (await SignInAsync("mia", Right)).Actor?.Name);

        for (var i = 0; i < 4; i++) Assert.Null((await SignInAsync("mia", "typo" + i)).Refusal);
        Assert.Null((await SignInAsync("mia", Right)).Refusal);
    }

    [Fact]
    public async Task AnAddressSprayingManyNames_IsRefused_ForNamesThatNeverSignedInFromIt()
    {
        for (var i = 0; i < 20; i++) await SignInAsync($"name{i}", "guess");
        var checks = _checks;

        var outcome = await SignInAsync("newcomer", Right);

        Assert.Equal(RefusalReason.TooManyFailures, outcome.Refusal?.Reason);
        Assert.Equal(checks, _checks);
    }

    [Fact]
    public async Task AnAddressSprayingManyNames_DoesNotHoldBackAccountsThatSignedInFromItBefore()
    {
        // A youth centre's Wi-Fi: one address for everyone. Mia signed in this morning; then someone there sprays guesses.
        Assert.NotNull((await SignInAsync("mia", Right)).Actor);
        for (var i = 0; i < 25; i++) await SignInAsync($"name{i}", "guess");

        Assert.NotNull((await SignInAsync("mia", Right)).Actor);
    }

    [Fact]
    public async Task OtherAddresses_AreNotHeldBackByASprayingAddress()
    {
        for (var i = 0; i < 25; i++) await SignInAsync($"name{i}", "guess", address: "203.0.113.66");

        Assert.NotNull((await SignInAsync("newcomer", Right, address: "198.51.100.1")).Actor);
    }

    [Fact]
    public async Task WrongTokens_CountAgainstTheAddress()
    {
        for (var i = 0; i < 20; i++) _guard.TokenFailed("203.0.113.7");

        Assert.Equal(RefusalReason.TooManyFailures, (await SignInAsync("newcomer", Right)).Refusal?.Reason);
    }

    [Fact]
    public async Task OneAddress_GetsOnlyAFewPasswordChecksAtOnce()
    {
        var release = new TaskCompletionSource<Actor?>(TaskCreationOptions.RunContinuationsAsynchronously);
        Task<SignInOutcome> Hanging(int i) => _guard.SignInWithPasswordAsync($"name{i}", "203.0.113.7", _ => release.Task, CancellationToken.None);
        var running = Enumerable.Range(0, 34).Select(Hanging).ToList();   // 2 at once, 32 queued (the defaults)

        var extra = await SignInAsync("mia", Right);
        var elsewhere = SignInAsync("mia", Right, address: "198.51.100.1");

        Assert.Equal(RefusalReason.TooManyAtOnce, extra.Refusal?.Reason);
        Assert.NotNull((await elsewhere).Actor);
        release.SetResult(null);
        await Task.WhenAll(running);
    }

    [Fact]
    public async Task BusyHashers_AreA503WithRetryAfter_AndNoFailure()
    {
        var outcome = await _guard.SignInWithPasswordAsync("mia", "203.0.113.7",
            _ => throw new HashingBusyException(TimeSpan.FromSeconds(2)), CancellationToken.None);

        Assert.Equal(StatusCodes.Status503ServiceUnavailable, outcome.Refusal?.Status);
        Assert.Equal(2, outcome.Refusal!.RetryAfterSeconds(_time.GetUtcNow()));
        for (var i = 0; i < 4; i++) Assert.Null((await SignInAsync("mia", "typo" + i)).Refusal);   // still five tries left
    }

    [Fact]
    public async Task ARefusal_IsAnsweredOnlyAfterAPause_SoAFloodCostsTimersNotCpu()
    {
        using var guard = Guard(new SignInOptions());   // RefusalPause: 1 s
        for (var i = 0; i < 5; i++) await SignInAsync("mia", "guess" + i, guard: guard);   // a wait of 1 s from now

        var refusal = SignInAsync("mia", Right, guard: guard);
        Assert.False(refusal.IsCompleted);

        _time.Advance(TimeSpan.FromSeconds(1));
        Assert.Equal(RefusalReason.TooManyFailures, (await refusal).Refusal?.Reason);
    }

    [Theory]
    [InlineData("203.0.113.7", "203.0.113.7")]
    [InlineData("::ffff:203.0.113.7", "203.0.113.7")]
    [InlineData("2001:db8:1:2:aaaa:bbbb:cccc:dddd", "2001:db8:1:2::/64")]
    [InlineData("2001:db8:1:2::1", "2001:db8:1:2::/64")]
    public void Addresses_CountPerHost_AndIPv6PerSlash64(string address, string key) =>
        Assert.Equal(key, SignInGuard.Key(IPAddress.Parse(address)));

    [Fact]
    public void XForwardedFor_IsIgnored_UnlessThePeerIsATrustedProxy()
    {
        using var trusting = Guard(new SignInOptions { TrustedProxies = ["127.0.0.1"] });
        var http = new DefaultHttpContext();
        http.Connection.RemoteIpAddress = IPAddress.Parse("198.51.100.20");
        http.Request.Headers["X-Forwarded-For"] = "192.0.2.50, 203.0.113.7";

        Assert.Equal("198.51.100.20", trusting.AddressOf(http));

        http.Connection.RemoteIpAddress = IPAddress.Loopback;
        Assert.Equal("203.0.113.7", trusting.AddressOf(http));   // the entry the proxy added, not what the client wrote
        Assert.Equal("127.0.0.1", _guard.AddressOf(http));
    }

    public void Dispose() => _guard.Dispose();
}
