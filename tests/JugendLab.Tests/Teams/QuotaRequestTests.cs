using JugendLab.Orchestrator.Accounts;
using JugendLab.Orchestrator.Errors;
using JugendLab.Orchestrator.Teams;

namespace JugendLab.Tests.Teams;

/// <summary>The rules of a request for more: it asks only for more, moves once, and is decided by a mentor outside the team.</summary>
public sealed class QuotaRequestTests
{
    private static readonly DateTimeOffset Now = DateTimeOffset.Parse("2026-12-02T10:00:00Z");
    private static readonly Quota Has = new(3, 256, 0.5, 1024);
    private static readonly Quota Asks = new(5, 512, 1, 2048);
    private static readonly Actor Mentor = new(7, "rosa", Role.Mentor);
    private static readonly Actor Admin = new(1, "admin", Role.Admin);
    private static readonly Actor Youth = new(9, "mia", Role.Youth);

    [Fact]
    public void AllOfIt_IsApproved()
    {
        var request = Ask();
        request.Decide(Mentor, Asks, null, Now);
        Assert.Equal(QuotaRequestStatus.Approved, request.Status);
        Assert.Equal(Asks, request.Granted);
        Assert.Equal("rosa", request.DecidedBy);
    }

    [Fact]
    public void PartOfIt_IsPartlyApproved()
    {
        var request = Ask();
        request.Decide(Mentor, Has with { MemoryMb = 384, MaxProjects = 5 }, "384 MB reichen für den Anfang", Now);
        Assert.Equal(QuotaRequestStatus.PartlyApproved, request.Status);
        Assert.Equal(new Quota(5, 384, 0.5, 1024), request.Granted);
        Assert.Equal("384 MB reichen für den Anfang", request.Note);
    }

    [Fact]
    public void NothingMore_IsADecline_AndADeclineNeedsANote()
    {
        var request = Ask();
        Assert.Equal(ErrorKind.Invalid, Assert.Throws<DomainException>(() => request.Decide(Mentor, null, "  ", Now)).Kind);
        Assert.Equal(ErrorKind.Invalid, Assert.Throws<DomainException>(() => request.Decide(Mentor, Has, null, Now)).Kind);
        Assert.Equal(QuotaRequestStatus.Pending, request.Status);

        request.Decide(Mentor, Has, "Erst die alten Projekte aufräumen", Now);

        Assert.Equal(QuotaRequestStatus.Declined, request.Status);
        Assert.Null(request.Granted);
    }

    [Fact]
    public void ADecision_IsFinal()
    {
        var request = Ask();
        request.Decide(Mentor, Asks, null, Now);
        var again = Assert.Throws<DomainException>(() => request.Decide(Admin, null, "doch nicht", Now));
        Assert.Equal(ErrorKind.Conflict, again.Kind);
        Assert.Equal(QuotaRequestStatus.Approved, request.Status);
    }

    [Fact]
    public void AGrant_StaysBetweenWhatTheTeamHasAndWhatItAsked()
    {
        var request = Ask();
        Assert.Equal(ErrorKind.Invalid, Assert.Throws<DomainException>(() => request.Decide(Mentor, Asks with { MemoryMb = 1024 }, null, Now)).Kind);
        Assert.Equal(ErrorKind.Invalid, Assert.Throws<DomainException>(() => request.Decide(Mentor, Has with { MemoryMb = 128 }, null, Now)).Kind);
        Assert.Equal(QuotaRequestStatus.Pending, request.Status);
    }

    [Fact]
    public void OnlyStaff_Decide_AndAMentorInTheTeamOnlyWhenAdmin()
    {
        var team = new Team("kiez-radio", Has, Now);
        team.AddMember(Mentor.UserId);
        team.AddMember(Admin.UserId);
        var request = new QuotaRequest(team, Asks, "Mehr Spieler:innen", "mia", Now);

        Assert.Equal(ErrorKind.Forbidden, Assert.Throws<DomainException>(() => request.Decide(Youth, Asks, null, Now)).Kind);
        Assert.Equal(ErrorKind.Forbidden, Assert.Throws<DomainException>(() => request.Decide(Mentor, Asks, null, Now)).Kind);
        request.Decide(Admin, Asks, null, Now);
        Assert.Equal(QuotaRequestStatus.Approved, request.Status);
    }

    [Theory]
    [InlineData(2, 256, 0.5, 1024)]   // fewer projects
    [InlineData(3, 256, 0.25, 2048)]  // less CPU
    [InlineData(3, 256, 0.5, 1024)]   // exactly what it has
    [InlineData(3, 99_999, 0.5, 1024)] // more than any engine could give
    public void ARequest_AsksOnlyForMore_WithinWhatIsPossible(int projects, int memory, double cpus, int disk)
    {
        var team = new Team("kiez-radio", Has, Now);
        Assert.Equal(ErrorKind.Invalid,
            Assert.Throws<DomainException>(() => new QuotaRequest(team, new Quota(projects, memory, cpus, disk), "weil", "mia", Now)).Kind);
    }

    [Fact]
    public void ARequest_NeedsAReason()
    {
        var team = new Team("kiez-radio", Has, Now);
        Assert.Contains("wofür", Assert.Throws<DomainException>(() => new QuotaRequest(team, Asks, " ", "mia", Now)).German);
    }

    private static QuotaRequest Ask() => new(new Team("kiez-radio", Has, Now), Asks, "Unser Spieleserver braucht mehr", "mia", Now);
}
