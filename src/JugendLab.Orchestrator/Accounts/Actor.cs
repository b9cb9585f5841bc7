using JugendLab.Orchestrator.Errors;
using JugendLab.Orchestrator.Teams;

namespace JugendLab.Orchestrator.Accounts;

/// <summary>The signed-in person an action is done for. Every service method takes one and checks it: authorisation lives on the server.</summary>
public sealed record Actor(int UserId, string Name, Role Role)
{
    public bool IsStaff => Role is Role.Admin or Role.Mentor;

    /// <summary>Members of the team, mentors and admins may work on a team's projects.</summary>
    public void EnsureCanWorkOn(Team team)
    {
        if (!IsStaff && !team.HasMember(UserId))
            throw DomainException.Forbidden(
                $"Du bist nicht Mitglied im Team „{team.Name}“ und darfst seine Projekte nicht ändern.",
                $"You are not a member of team \"{team.Name}\" and may not change its projects.");
    }

    public void EnsureStaff()
    {
        if (!IsStaff)
            throw DomainException.Forbidden(
                "Das dürfen nur Mentorinnen, Mentoren und Admins.",
                "Only mentors and admins may do this.");
    }

    public void EnsureAdmin()
    {
        if (Role != Role.Admin)
            throw DomainException.Forbidden("Das dürfen nur Admins.", "Only admins may do this.");
    }
}
