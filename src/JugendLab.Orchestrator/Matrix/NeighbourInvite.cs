namespace JugendLab.Orchestrator.Matrix;

/// <summary>
/// A neighbourhood invite: one of the homeserver's registration tokens. It lets <see cref="UsesAllowed"/> neighbours
/// make an account (null: any number) until <see cref="ExpiresAt"/>. The homeserver keeps it and counts its uses.
/// </summary>
public sealed record NeighbourInvite(string Token, int? UsesAllowed, int Completed, int Pending, DateTimeOffset? ExpiresAt)
{
    public const int MaxUses = 200;
    public const int MaxValidDays = 30;
    public const int DefaultValidDays = 7;

    public int? UsesLeft => UsesAllowed is { } allowed ? Math.Max(0, allowed - Completed - Pending) : null;

    public NeighbourInviteState StateAt(DateTimeOffset now) =>
        ExpiresAt is { } expires && expires <= now ? NeighbourInviteState.Expired
        : UsesAllowed is { } allowed && Completed >= allowed ? NeighbourInviteState.UsedUp
        : NeighbourInviteState.Open;
}

public enum NeighbourInviteState { Open, UsedUp, Expired, Unknown }
