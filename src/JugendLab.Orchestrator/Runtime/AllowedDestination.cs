namespace JugendLab.Orchestrator.Runtime;

/// <summary>One local address (or range) the egress rules let project code reach: an admin's mirror or proxy. No port: every port.</summary>
public sealed record AllowedDestination(Ipv4Subnet Range, int? Port)
{
    public static bool TryParse(string? text, out AllowedDestination destination)
    {
        destination = null!;
        if (string.IsNullOrWhiteSpace(text)) return false;
        var value = text.Trim();
        int? port = null;
        var colon = value.LastIndexOf(':');
        if (colon >= 0)
        {
            if (!int.TryParse(value[(colon + 1)..], out var p) || p is < 1 or > 65535) return false;
            port = p;
            value = value[..colon];
        }
        if (!Ipv4Subnet.TryParse(value, out var range)) return false;
        destination = new AllowedDestination(range, port);
        return true;
    }

    public override string ToString() => Port is null ? Range.ToString() : $"{Range}:{Port}";
}
