namespace JugendLab.Orchestrator.Runtime;

/// <summary>
/// Picks a network's subnet from the platform's pool. Stateless on purpose: the engine's list of networks (of every
/// platform on it, and anything else) is the only record of what is taken, so nothing can drift out of step with it.
/// </summary>
public static class SubnetAllocator
{
    /// <summary>The lowest aligned /<paramref name="prefix"/> block of <paramref name="pool"/> that overlaps none of
    /// <paramref name="taken"/>, or null when the pool is full.</summary>
    public static Ipv4Subnet? FirstFree(Ipv4Subnet pool, int prefix, IReadOnlyCollection<Ipv4Subnet> taken)
    {
        if (prefix < pool.Prefix || prefix > 32) throw new ArgumentOutOfRangeException(nameof(prefix), prefix, $"A /{prefix} does not fit in {pool}.");
        var size = 1UL << (32 - prefix);
        ulong candidate = pool.Network;
        while (candidate + size - 1 <= pool.Last)
        {
            var block = new Ipv4Subnet((uint)candidate, prefix);
            ulong clashEnd = 0;
            var clash = false;
            foreach (var t in taken)
                if (t.Overlaps(block))
                {
                    clash = true;
                    clashEnd = Math.Max(clashEnd, t.Last);
                }
            if (!clash) return block;
            // Jump past the network in the way instead of trying each block inside it: a /16 in the pool skips 4096 /28s at once.
            candidate = (clashEnd + size) / size * size;
        }
        return null;
    }
}
