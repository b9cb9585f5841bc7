using JugendLab.Orchestrator.Accounts;
using JugendLab.Orchestrator.Audit;
using JugendLab.Orchestrator.Configuration;
using JugendLab.Orchestrator.Errors;
using JugendLab.Orchestrator.Invites;
using JugendLab.Orchestrator.State;
using JugendLab.Orchestrator.Teams;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Time.Testing;

namespace JugendLab.Tests.Invites;

/// <summary>Invite codes against a real SQLite file with the real migrations.</summary>
public sealed class InviteServiceTests : IAsyncLifetime
{
    private readonly string _file = Path.Combine(Path.GetTempPath(), $"jl-invites-{Guid.NewGuid():n}.db");
    private readonly FakeTimeProvider _time = new(DateTimeOffset.Parse("2026-12-02T10:00:00Z"));
    private JugendLabDb _db = null!;
    private Actor _mentor = null!;

    public async Task InitializeAsync()
    {
        _db = NewDb();
        await _db.Database.MigrateAsync();
        var mentor = new User("rosa", Role.Mentor, Secrets.HashPassword("mentor-password"), _time.GetUtcNow());
        _db.Users.Add(mentor);
        _db.Teams.Add(new Team("kiez-radio", Quota.Default, _time.GetUtcNow()));
        await _db.SaveChangesAsync();
        _mentor = AccountService.ToActor(mentor);
    }

    public async Task DisposeAsync()
    {
        await _db.DisposeAsync();
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        File.Delete(_file);
    }

    [Fact]
    public async Task AYouthJoinsWithACode_IsInTheTeam_AndTheCodeIsUsedUp()
    {
        var invite = (await Service().CreateAsync(_mentor, "kiez-radio", 1, 7, default)).Single();

        var youth = await Service().JoinAsync(invite.Display.ToLowerInvariant(), "mia", "sommer-im-kiez", default);

        Assert.NotNull(youth);
        Assert.Equal(Role.Youth, youth.Role);
        await using var db = NewDb();
        var team = await db.Teams.SingleAsync();
        Assert.True(team.HasMember(youth.UserId));
        var used = await db.InviteCodes.SingleAsync();
        Assert.Equal(InviteState.Used, used.StateAt(_time.GetUtcNow()));
        Assert.Equal("mia", used.UsedBy);
        var again = await Assert.ThrowsAsync<DomainException>(() => Service().JoinAsync(invite.Code, "ben", "sommer-im-kiez", default));
        Assert.Contains("schon jemand beigetreten", again.German);
        Assert.Equal(["InviteCreated", "JoinedWithInvite"], await db.AuditEntries.OrderBy(e => e.Id).Select(e => e.Action.ToString()).ToListAsync());
    }

    [Fact]
    public async Task TwoPeopleWithOneCodeAtTheSameMoment_OnlyOneGetsIn()
    {
        var invite = (await Service().CreateAsync(_mentor, "kiez-radio", 1, 7, default)).Single();

        var tries = await Task.WhenAll(Enumerable.Range(0, 6).Select(i => Task.Run(async () =>
        {
            try { return await Service(NewDb()).JoinAsync(invite.Code, $"kid{i}", "sommer-im-kiez", default); }
            catch (DomainException) { return null; }
        })));

        Assert.Single(tries, t => t is not null);
        await using var db = NewDb();
        Assert.Single(await db.Teams.SelectMany(t => t.Members).ToListAsync());
        Assert.Equal(2, await db.Users.CountAsync()); // the mentor and the one who got in
    }

    [Fact]
    public async Task AnExpiredOrWithdrawnCode_LetsNobodyIn_AndSaysWhy()
    {
        var codes = await Service().CreateAsync(_mentor, "kiez-radio", 2, 1, default);
        await Service().RevokeAsync(_mentor, codes[1].Id, default);
        _time.Advance(TimeSpan.FromDays(1));

        var expired = await Assert.ThrowsAsync<DomainException>(() => Service().JoinAsync(codes[0].Code, "mia", "sommer-im-kiez", default));
        var withdrawn = await Assert.ThrowsAsync<DomainException>(() => Service().JoinAsync(codes[1].Code, "mia", "sommer-im-kiez", default));

        Assert.Contains("abgelaufen", expired.German);
        Assert.Contains("zurückgezogen", withdrawn.German);
        Assert.Null(await Service().JoinAsync("ABCDE-FGHJK", "mia", "sommer-im-kiez", default)); // no such code: for the guessing limits
        Assert.Equal(1, await NewDb().Users.CountAsync());
    }

    [Fact]
    public async Task ATakenName_IsRefused_AndTheCodeStaysOpen()
    {
        var invite = (await Service().CreateAsync(_mentor, "kiez-radio", 1, 7, default)).Single();

        var taken = await Assert.ThrowsAsync<DomainException>(() => Service().JoinAsync(invite.Code, "rosa", "sommer-im-kiez", default));

        Assert.Equal(ErrorKind.Conflict, taken.Kind);
        Assert.Equal(InviteState.Open, (await NewDb().InviteCodes.SingleAsync()).StateAt(_time.GetUtcNow()));
    }

    [Fact]
    public async Task OnlyStaff_MakeOrWithdrawCodes_AndWithinTheLimits()
    {
        var invite = (await Service().CreateAsync(_mentor, "kiez-radio", 1, 7, default)).Single();
        var youth = (await Service().JoinAsync(invite.Code, "mia", "sommer-im-kiez", default))!;

        Assert.Equal(ErrorKind.Forbidden, (await Assert.ThrowsAsync<DomainException>(() => Service().CreateAsync(youth, "kiez-radio", 1, 7, default))).Kind);
        Assert.Equal(ErrorKind.Forbidden, (await Assert.ThrowsAsync<DomainException>(() => Service().ListAsync(youth, default))).Kind);
        Assert.Equal(ErrorKind.Forbidden, (await Assert.ThrowsAsync<DomainException>(() => Service().RevokeAsync(youth, invite.Id, default))).Kind);
        Assert.Equal(ErrorKind.Invalid, (await Assert.ThrowsAsync<DomainException>(() => Service().CreateAsync(_mentor, "kiez-radio", 31, 7, default))).Kind);
        Assert.Equal(ErrorKind.Invalid, (await Assert.ThrowsAsync<DomainException>(() => Service().CreateAsync(_mentor, "kiez-radio", 1, 31, default))).Kind);
        Assert.Equal(ErrorKind.NotFound, (await Assert.ThrowsAsync<DomainException>(() => Service().CreateAsync(_mentor, "gibts-nicht", 1, 7, default))).Kind);
    }

    [Theory]
    [InlineData("abcde-fghjk", "ABCDEFGHJK")]
    [InlineData(" ABCDE FGHJK ", "ABCDEFGHJK")]
    [InlineData("ABCDE-FGHJ", null)]     // too short
    [InlineData("ABCDE-FGHJ0", null)]    // 0 is never in a code
    [InlineData(null, null)]
    public void Normalize_AcceptsWhatPeopleType(string? typed, string? stored) => Assert.Equal(stored, InviteCode.Normalize(typed));

    [Fact]
    public async Task NewCodes_AreDifferent_AndUseOnlyTheReadableAlphabet()
    {
        var codes = await Service().CreateAsync(_mentor, "kiez-radio", 30, 7, default);
        Assert.Equal(30, codes.Select(c => c.Code).Distinct().Count());
        Assert.All(codes, c => Assert.Equal(c.Code, InviteCode.Normalize(c.Display)));
    }

    private JugendLabDb NewDb() => new(new DbContextOptionsBuilder<JugendLabDb>().UseSqlite($"Data Source={_file}").Options);

    private InviteService Service(JugendLabDb? db = null)
    {
        db ??= NewDb();
        return new InviteService(db, new AuditLog(db, _time), new PasswordHasher(Microsoft.Extensions.Options.Options.Create(new SignInOptions()), TimeProvider.System), _time);
    }
}
