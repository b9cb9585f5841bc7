using JugendLab.Orchestrator.Accounts;
using JugendLab.Orchestrator.Errors;
using JugendLab.Orchestrator.Teams;

namespace JugendLab.Tests.Teams;

/// <summary>The rules of a request for a new team: a good name and a purpose, asked by a youth, decided once by staff, a "no" with a note.</summary>
public sealed class TeamRequestTests
{
    private static readonly DateTimeOffset Now = DateTimeOffset.Parse("2026-12-02T10:00:00Z");
    private static readonly Actor Mentor = new(7, "rosa", Role.Mentor);
    private static readonly Actor Admin = new(1, "admin", Role.Admin);
    private static readonly Actor Youth = new(9, "mia", Role.Youth);

    [Fact]
    public void AYouth_Asks_AndTheRequestIsOpen_WithWhatTheyWrote()
    {
        var request = new TeamRequest(Youth, " kiez-radio ", "  Ein Radio für das Quartierfest  ", Now);

        Assert.Equal(TeamRequestStatus.Pending, request.Status);
        Assert.Equal("kiez-radio", request.Name);
        Assert.Equal("Ein Radio für das Quartierfest", request.Purpose);
        Assert.Equal(Youth.UserId, request.RequestedById);
        Assert.Equal("mia", request.RequestedBy);
        Assert.Equal(Now, request.RequestedAt);
    }

    [Theory]
    [InlineData("Kiez Radio")] // the rules of every team name
    [InlineData("k")]
    [InlineData("admin")]      // reserved for the platform
    [InlineData("neu")]        // the page where one asks
    [InlineData(null)]
    public void TheName_FollowsTheRulesOfTeamNames(string? name)
    {
        var error = Assert.Throws<DomainException>(() => new TeamRequest(Youth, name, "Eine Website", Now));
        Assert.Equal(ErrorKind.Invalid, error.Kind);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("   ")]
    public void WhatTheyWantToBuild_IsNeeded(string? purpose)
    {
        var error = Assert.Throws<DomainException>(() => new TeamRequest(Youth, "kiez-radio", purpose, Now));
        Assert.Contains("was ihr bauen wollt", error.German);
    }

    [Fact]
    public void WhatTheyWantToBuild_HasALimit()
    {
        new TeamRequest(Youth, "kiez-radio", new string('x', TeamRequest.MaxPurposeLength), Now);
        var error = Assert.Throws<DomainException>(() => new TeamRequest(Youth, "kiez-radio", new string('x', TeamRequest.MaxPurposeLength + 1), Now));
        Assert.Contains($"{TeamRequest.MaxPurposeLength}", error.English);
    }

    [Fact]
    public void Staff_DoNotAsk_TheyMakeTeams()
    {
        Assert.Equal(ErrorKind.Invalid, Assert.Throws<DomainException>(() => new TeamRequest(Mentor, "kiez-radio", "Eine Website", Now)).Kind);
        Assert.Equal(ErrorKind.Invalid, Assert.Throws<DomainException>(() => new TeamRequest(Admin, "kiez-radio", "Eine Website", Now)).Kind);
    }

    [Fact]
    public void AMentor_Approves_WithOrWithoutANote()
    {
        var request = Ask();
        request.Decide(Mentor, approve: true, null, Now.AddHours(1));

        Assert.Equal(TeamRequestStatus.Approved, request.Status);
        Assert.Equal("rosa", request.DecidedBy);
        Assert.Equal(Now.AddHours(1), request.DecidedAt);
        Assert.Null(request.Note);
    }

    [Fact]
    public void ADecline_NeedsANote_AndKeepsIt()
    {
        var request = Ask();
        var bare = Assert.Throws<DomainException>(() => request.Decide(Mentor, approve: false, "  ", Now));
        Assert.Equal(ErrorKind.Invalid, bare.Kind);
        Assert.Equal(TeamRequestStatus.Pending, request.Status);

        request.Decide(Admin, approve: false, " Macht doch beim Team kiez-radio mit. ", Now);

        Assert.Equal(TeamRequestStatus.Declined, request.Status);
        Assert.Equal("Macht doch beim Team kiez-radio mit.", request.Note);
        Assert.Equal("admin", request.DecidedBy);
    }

    [Fact]
    public void TheNote_HasALimit()
    {
        var request = Ask();
        Assert.Equal(ErrorKind.Invalid,
            Assert.Throws<DomainException>(() => request.Decide(Mentor, approve: false, new string('x', TeamRequest.MaxNoteLength + 1), Now)).Kind);
        Assert.Equal(TeamRequestStatus.Pending, request.Status);
    }

    [Fact]
    public void OnlyStaff_Decide()
    {
        var request = Ask();
        Assert.Equal(ErrorKind.Forbidden, Assert.Throws<DomainException>(() => request.Decide(Youth, approve: true, null, Now)).Kind);
        Assert.Equal(TeamRequestStatus.Pending, request.Status);
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public void ADecision_IsFinal(bool firstApproved)
    {
        var request = Ask();
        request.Decide(Mentor, firstApproved, "so ist es", Now);

        var again = Assert.Throws<DomainException>(() => request.Decide(Admin, !firstApproved, "doch anders", Now));

        Assert.Equal(ErrorKind.Conflict, again.Kind);
        Assert.Contains("rosa", again.German);
        Assert.Equal(firstApproved ? TeamRequestStatus.Approved : TeamRequestStatus.Declined, request.Status);
        Assert.Equal("rosa", request.DecidedBy);
    }

    private static TeamRequest Ask() => new(Youth, "kiez-radio", "Ein Radio für das Quartierfest", Now);
}
