namespace JugendLab.Orchestrator.Teams;

/// <summary>A group of youth with a quota. Its projects share one Docker network, separate from every other team's.</summary>
public sealed class Team
{
    private readonly List<Membership> _members = [];

    private Team() { }

    public Team(string name, Quota quota, DateTimeOffset createdAt)
    {
        Name = name;
        Quota = quota;
        CreatedAt = createdAt;
    }

    public int Id { get; private set; }
    public string Name { get; private set; } = "";
    public Quota Quota { get; private set; } = Quota.Default;
    public DateTimeOffset CreatedAt { get; private set; }
    public IReadOnlyList<Membership> Members => _members;

    public bool HasMember(int userId) => _members.Any(m => m.UserId == userId);

    public void AddMember(int userId)
    {
        if (!HasMember(userId)) _members.Add(new Membership(Id, userId));
    }

    public void RemoveMember(int userId) => _members.RemoveAll(m => m.UserId == userId);

    public void ChangeQuota(Quota quota) => Quota = quota.Validated();
}

/// <summary>A youth in a team.</summary>
public sealed class Membership(int teamId, int userId)
{
    public int TeamId { get; private set; } = teamId;
    public int UserId { get; private set; } = userId;
}
