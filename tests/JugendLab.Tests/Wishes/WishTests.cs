using JugendLab.Orchestrator.Accounts;
using JugendLab.Orchestrator.Errors;
using JugendLab.Orchestrator.Teams;
using JugendLab.Orchestrator.Wishes;

namespace JugendLab.Tests.Wishes;

/// <summary>The rules of a wish: a mentor decides once what is shown, one team takes it on, and only its members give it back.</summary>
public sealed class WishTests
{
    private static readonly DateTimeOffset Now = DateTimeOffset.Parse("2026-12-02T10:00:00Z");
    private static readonly Actor Mentor = new(7, "rosa", Role.Mentor);
    private static readonly Actor Mia = new(9, "mia", Role.Youth);
    private static readonly Actor Ali = new(10, "ali", Role.Youth);

    [Theory]
    [InlineData("", "Wir brauchen eine Website.")]
    [InlineData("Website", "")]
    [InlineData("Website", null)]
    public void AWishNeedsATitleAndADescription(string title, string? text) =>
        Assert.Equal(ErrorKind.Invalid, Assert.Throws<DomainException>(() => new Wish(title, text, null, null, "203.0.113.0/24", Now)).Kind);

    [Fact]
    public void TooLongAFromOrContact_IsRefused()
    {
        Assert.Throws<DomainException>(() => new Wish("Website", "Für den Verein", new string('x', Wish.MaxFromLength + 1), null, "k", Now));
        Assert.Throws<DomainException>(() => new Wish("Website", "Für den Verein", null, new string('x', Wish.MaxContactLength + 1), "k", Now));
    }

    [Fact]
    public void ANewWish_WaitsForAMentor_AndEmptyOptionalFieldsAreNull()
    {
        var wish = Posted();
        Assert.Equal(WishStatus.Pending, wish.Status);
        Assert.False(wish.IsOpen);
        Assert.Null(wish.From);
        Assert.Null(wish.Contact);
    }

    [Fact]
    public void OnlyStaffDecide_AndOnlyOnce()
    {
        var wish = Posted();
        Assert.Equal(ErrorKind.Forbidden, Assert.Throws<DomainException>(() => wish.Decide(Mia, true, null, Now)).Kind);

        wish.Decide(Mentor, true, null, Now);

        Assert.Equal(WishStatus.Shown, wish.Status);
        Assert.True(wish.IsOpen);
        Assert.Equal("rosa", wish.DecidedBy);
        Assert.Equal(ErrorKind.Conflict, Assert.Throws<DomainException>(() => wish.Decide(Mentor, false, "doch nicht", Now)).Kind);
    }

    [Fact]
    public void ADecline_NeedsANote()
    {
        var wish = Posted();
        Assert.Equal(ErrorKind.Invalid, Assert.Throws<DomainException>(() => wish.Decide(Mentor, false, "  ", Now)).Kind);
        wish.Decide(Mentor, false, "Werbung für eine Firma", Now);
        Assert.Equal(WishStatus.Declined, wish.Status);
        Assert.Equal("Werbung für eine Firma", wish.Note);
    }

    [Fact]
    public void AWaitingWish_CannotBeTakenOn()
    {
        var wish = Posted();
        Assert.Equal(ErrorKind.NotFound, Assert.Throws<DomainException>(() => wish.Adopt(Mia, TeamOf(Mia, 1), Now)).Kind);
    }

    [Fact]
    public void OneTeamTakesItOn_AnotherTeamIsToldToAskThem()
    {
        var wish = Shown();
        var ours = TeamOf(Mia, 1);
        wish.Adopt(Mia, ours, Now);

        Assert.Equal(ours.Id, wish.TeamId);
        Assert.False(wish.IsOpen);
        wish.Adopt(Mia, ours, Now); // again: nothing changes
        Assert.Equal(ErrorKind.Conflict, Assert.Throws<DomainException>(() => wish.Adopt(Ali, TeamOf(Ali, 2), Now)).Kind);
    }

    [Fact]
    public void OnlyMembers_TakeItOnForTheirTeam_AndGiveItBack()
    {
        var wish = Shown();
        var ours = TeamOf(Mia, 1);
        Assert.Equal(ErrorKind.Forbidden, Assert.Throws<DomainException>(() => wish.Adopt(Ali, ours, Now)).Kind);
        wish.Adopt(Mia, ours, Now);

        Assert.Equal(ErrorKind.Forbidden, Assert.Throws<DomainException>(() => wish.Release(Ali)).Kind);
        wish.Release(Mia);

        Assert.Null(wish.TeamId);
        Assert.True(wish.IsOpen);
    }

    [Fact]
    public void AWithdrawnWish_IsNoLongerOpen_AndCannotBeTakenOn()
    {
        var wish = Shown();
        wish.Withdraw(Mentor, "erledigt", Now);
        Assert.Equal(WishStatus.Withdrawn, wish.Status);
        Assert.Throws<DomainException>(() => wish.Adopt(Mia, TeamOf(Mia, 1), Now));
    }

    private static Wish Posted() => new(" Website für den Quartierverein ", "Mit Agenda und Kontakt.", " ", "", "203.0.113.0/24", Now);

    private static Wish Shown()
    {
        var wish = Posted();
        wish.Decide(Mentor, true, null, Now);
        return wish;
    }

    private static Team TeamOf(Actor member, int id)
    {
        var team = new Team($"team-{id}", Quota.Default, Now);
        typeof(Team).GetProperty(nameof(Team.Id))!.SetValue(team, id);
        team.AddMember(member.UserId);
        return team;
    }
}
