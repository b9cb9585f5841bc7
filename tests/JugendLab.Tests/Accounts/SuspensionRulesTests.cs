using JugendLab.Orchestrator.Accounts;
using JugendLab.Orchestrator.Errors;

namespace JugendLab.Tests.Accounts;

/// <summary>Who may suspend whom: staff suspend youth, only an admin a mentor, nobody an admin or themselves; a reason is needed.</summary>
public sealed class SuspensionRulesTests
{
    private static readonly DateTimeOffset Now = DateTimeOffset.Parse("2026-12-02T10:00:00Z");
    private static readonly Actor Mentor = new(7, "rosa", Role.Mentor);
    private static readonly Actor Admin = new(1, "admin", Role.Admin);

    [Fact]
    public void AMentor_SuspendsAYouth_WithAReason_AndLiftsIt()
    {
        var youth = new User("mia", Role.Youth, null, Now);
        youth.Suspend(Mentor, " Passwörter verschickt ", Now);
        Assert.True(youth.IsSuspended);
        Assert.Equal("rosa", youth.SuspendedBy);
        Assert.Equal("Passwörter verschickt", youth.SuspendReason);

        youth.Lift(Mentor);
        Assert.False(youth.IsSuspended);
        Assert.Null(youth.SuspendReason);
    }

    [Fact]
    public void ASuspension_NeedsAReason() =>
        Assert.Equal(ErrorKind.Invalid, Assert.Throws<DomainException>(() => new User("mia", Role.Youth, null, Now).Suspend(Mentor, "  ", Now)).Kind);

    [Fact]
    public void OnlyAnAdmin_SuspendsAMentor_AndNobodyAnAdmin()
    {
        var otherMentor = new User("ben", Role.Mentor, null, Now);
        Assert.Equal(ErrorKind.Forbidden, Assert.Throws<DomainException>(() => otherMentor.Suspend(Mentor, "weil", Now)).Kind);
        otherMentor.Suspend(Admin, "weil", Now);
        Assert.True(otherMentor.IsSuspended);
        Assert.Equal(ErrorKind.Forbidden, Assert.Throws<DomainException>(() => new User("root2", Role.Admin, null, Now).Suspend(Admin, "weil", Now)).Kind);
    }

    [Fact]
    public void AYouth_SuspendsNobody() =>
        Assert.Equal(ErrorKind.Forbidden, Assert.Throws<DomainException>(() =>
            new User("mia", Role.Youth, null, Now).Suspend(new Actor(9, "leo", Role.Youth), "weil", Now)).Kind);
}
