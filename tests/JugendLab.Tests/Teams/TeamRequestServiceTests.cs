using JugendLab.Orchestrator.Accounts;
using JugendLab.Orchestrator.Audit;
using JugendLab.Orchestrator.Configuration;
using JugendLab.Orchestrator.Errors;
using JugendLab.Orchestrator.Notices;
using JugendLab.Orchestrator.State;
using JugendLab.Orchestrator.Teams;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Time.Testing;

namespace JugendLab.Tests.Teams;

/// <summary>Requests for a new team against a real SQLite file with the real migrations: what is saved, and what is refused.</summary>
public sealed class TeamRequestServiceTests : IAsyncLifetime
{
    private readonly string _file = Path.Combine(Path.GetTempPath(), $"jl-team-requests-{Guid.NewGuid():n}.db");
    private readonly FakeTimeProvider _time = new(DateTimeOffset.Parse("2026-12-02T10:00:00Z"));
    private Actor _mentor = null!;
    private Actor _mia = null!;
    private Actor _ben = null!;

    public async Task InitializeAsync()
    {
        await using var db = NewDb();
        await db.Database.MigrateAsync();
        var people = new[] { new User("rosa", Role.Mentor, null, _time.GetUtcNow()), new User("mia", Role.Youth, null, _time.GetUtcNow()),
            new User("ben", Role.Youth, null, _time.GetUtcNow()) };
        db.Users.AddRange(people);
        db.Teams.Add(new Team("kiez-radio", Quota.Default, _time.GetUtcNow()));
        await db.SaveChangesAsync();
        (_mentor, _mia, _ben) = (AccountService.ToActor(people[0]), AccountService.ToActor(people[1]), AccountService.ToActor(people[2]));
    }

    public Task DisposeAsync()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        File.Delete(_file);
        return Task.CompletedTask;
    }

    [Fact]
    public async Task AnApproval_MakesTheTeamWithTheDefaultQuota_WithTheYouthInIt_AndAuditsIt()
    {
        var asked = await Service().AskAsync(_mia, "quiz-crew", "Ein Quiz fürs Quartierfest", default);

        await Service().DecideAsync(_mentor, asked.Id, approve: true, "Viel Spass!", default);

        await using var db = NewDb();
        var team = await db.Teams.SingleAsync(t => t.Name == "quiz-crew");
        Assert.Equal(Quota.Default, team.Quota);
        Assert.True(team.HasMember(_mia.UserId));
        Assert.Single(team.Members);
        var request = await db.TeamRequests.SingleAsync();
        Assert.Equal(TeamRequestStatus.Approved, request.Status);
        Assert.Equal("rosa", request.DecidedBy);
        var audit = await db.AuditEntries.OrderBy(e => e.Id).ToListAsync();
        Assert.Equal([AuditAction.TeamRequested, AuditAction.TeamCreated, AuditAction.MemberAdded, AuditAction.TeamRequestDecided],
            audit.Select(e => e.Action));
        Assert.Equal("mia", audit[0].ActorName);
        Assert.Equal("Ein Quiz fürs Quartierfest", audit[0].Reason);
        Assert.All(audit.Skip(1), e => Assert.Equal("rosa", e.ActorName));
        Assert.Equal("quiz-crew", audit[3].Team);
        Assert.Contains("Approved", audit[3].Target);
        Assert.Equal("Viel Spass!", audit[3].Reason);
    }

    [Fact]
    public async Task ADecline_MakesNoTeam_AndTheYouthReadsTheNote()
    {
        var asked = await Service().AskAsync(_mia, "quiz-crew", "Ein Quiz", default);

        await Service().DecideAsync(_mentor, asked.Id, approve: false, "Macht beim Team kiez-radio mit.", default);

        await using var db = NewDb();
        Assert.False(await db.Teams.AnyAsync(t => t.Name == "quiz-crew"));
        var mine = await Service(db).MineAsync(_mia, default);
        Assert.Equal(TeamRequestStatus.Declined, mine.Single().Status);
        Assert.Equal("Macht beim Team kiez-radio mit.", mine.Single().Note);
    }

    [Fact]
    public async Task APerson_HasOneOpenRequest_AndMayAskAgainAfterTheAnswer()
    {
        var first = await Service().AskAsync(_mia, "quiz-crew", "Ein Quiz", default);

        var second = await Assert.ThrowsAsync<DomainException>(() => Service().AskAsync(_mia, "film-club", "Filme", default));
        Assert.Equal(ErrorKind.Conflict, second.Kind);
        Assert.Contains("offene Anfrage", second.German);

        await Service().DecideAsync(_mentor, first.Id, approve: false, "Lieber später", default);
        var again = await Service().AskAsync(_mia, "film-club", "Filme", default);
        Assert.Equal(TeamRequestStatus.Pending, again.Status);
    }

    [Fact]
    public async Task ATakenName_IsRefused_WhenAsking_AndWhenAnotherOpenRequestHasIt()
    {
        var taken = await Assert.ThrowsAsync<DomainException>(() => Service().AskAsync(_mia, "kiez-radio", "Radio", default));
        Assert.Equal(ErrorKind.Conflict, taken.Kind);
        Assert.Contains("gibt es schon", taken.German);

        await Service().AskAsync(_mia, "quiz-crew", "Ein Quiz", default);
        var asked = await Assert.ThrowsAsync<DomainException>(() => Service().AskAsync(_ben, "quiz-crew", "Auch ein Quiz", default));
        Assert.Equal(ErrorKind.Conflict, asked.Kind);
        Assert.Contains("quiz-crew-2", asked.German);
    }

    [Fact]
    public async Task ANameTakenSinceTheRequest_IsRefusedAtApproval_AndTheRequestStaysOpen()
    {
        var asked = await Service().AskAsync(_mia, "quiz-crew", "Ein Quiz", default);
        await Teams(NewDb()).CreateAsync(_mentor, "quiz-crew", default);

        var refused = await Assert.ThrowsAsync<DomainException>(() => Service().DecideAsync(_mentor, asked.Id, approve: true, null, default));

        Assert.Equal(ErrorKind.Conflict, refused.Kind);
        Assert.Contains("inzwischen", refused.German);
        await using var db = NewDb();
        Assert.Equal(TeamRequestStatus.Pending, (await db.TeamRequests.SingleAsync()).Status);
        Assert.Empty((await db.Teams.SingleAsync(t => t.Name == "quiz-crew")).Members);
    }

    [Fact]
    public async Task TwoOpenRequests_SavedAtOnce_OnlyOneIsKept()
    {
        var tries = await Task.WhenAll(Enumerable.Range(0, 4).Select(i => Task.Run(async () =>
        {
            try { return await Service().AskAsync(_mia, $"crew-{i}", "Etwas", default); }
            catch (DomainException e) when (e.Kind == ErrorKind.Conflict) { return null; }
        })));

        Assert.Single(tries, t => t is not null);
        await using var db = NewDb();
        Assert.Equal(1, await db.TeamRequests.CountAsync());
    }

    [Fact]
    public async Task OnlyStaff_SeeTheQueue_AndDecide_AndYouthSeeOnlyTheirOwn()
    {
        var asked = await Service().AskAsync(_mia, "quiz-crew", "Ein Quiz", default);
        await Service().AskAsync(_ben, "film-club", "Filme", default);

        Assert.Equal(ErrorKind.Forbidden, (await Assert.ThrowsAsync<DomainException>(() => Service().PendingAsync(_ben, default))).Kind);
        Assert.Equal(ErrorKind.Forbidden,
            (await Assert.ThrowsAsync<DomainException>(() => Service().DecideAsync(_mia, asked.Id, approve: true, null, default))).Kind);
        Assert.Equal(["film-club"], (await Service().ListAsync(_ben, null, default)).Select(r => r.Name));
        Assert.Equal(["film-club", "quiz-crew"], (await Service().ListAsync(_mentor, TeamRequestStatus.Pending, default)).Select(r => r.Name));
        Assert.Equal(["quiz-crew", "film-club"], (await Service().PendingAsync(_mentor, default)).Select(r => r.Name));
    }

    [Fact]
    public async Task A_request_is_told_to_the_mentors_room_with_the_page_that_decides_it()
    {
        await Service().AskAsync(_mia, "film-club", "Wir drehen Kurzfilme", default);

        await using var db = NewDb();
        var notice = Assert.Single(await db.ChatNotices.ToListAsync());
        Assert.Equal(ChatAudience.Mentors, notice.Audience);
        Assert.Null(notice.SentAt);
        Assert.Contains("mia möchte ein neues Team «film-club»", notice.Text);
        Assert.Contains("Wir drehen Kurzfilme", notice.Text);
        Assert.Contains("http://lab.localhost:8080/betreuung/teams", notice.Text);
    }

    private JugendLabDb NewDb() => new(new DbContextOptionsBuilder<JugendLabDb>().UseSqlite($"Data Source={_file}").Options);

    private TeamRequestService Service(JugendLabDb? db = null)
    {
        db ??= NewDb();
        return new TeamRequestService(db, Teams(db), new AuditLog(db, _time), Notifier(), _time);
    }

    private ChatNotifier Notifier() => new(Microsoft.Extensions.Options.Options.Create(new DomainOptions { PublicUrl = "http://lab.localhost:8080" }),
        Microsoft.Extensions.Options.Options.Create(new MatrixOptions()), _time);

    // Making a team never reconciles (only a quota change does), so these tests need no container engine: no reconciler.
    private TeamService Teams(JugendLabDb db) =>
        new(db, new AccountService(db, new AuditLog(db, _time), _time,
                new PasswordHasher(Microsoft.Extensions.Options.Options.Create(new SignInOptions()), _time)),
            new AuditLog(db, _time), null!, _time);
}
