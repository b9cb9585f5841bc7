using System.Net;
using System.Net.Sockets;
using JugendLab.Orchestrator.Errors;

namespace JugendLab.Orchestrator.Deployments;

/// <summary>Which git URLs the platform clones: only http(s), never local paths, file://, ssh or git's "ext::" transport.</summary>
public static class GitUrlRules
{
    public static void Validate(string? url)
    {
        if (Uri.TryCreate(url, UriKind.Absolute, out var uri) && uri.Scheme is "https" or "http" && !string.IsNullOrEmpty(uri.Host)
            && string.IsNullOrEmpty(uri.UserInfo))
            return;
        throw DomainException.Invalid(
            $"„{url}“ ist keine öffentliche Git-Adresse. Gebt eine http(s)-Adresse ohne Passwort an, z. B. https://codeberg.org/team/projekt.git.",
            $"\"{url}\" is not a public git address. Give an http(s) address without a password, e.g. https://codeberg.org/team/project.git.");
    }

    /// <summary>Refuses hosts that resolve to loopback, private or link-local addresses: the platform must not fetch from its own LAN for a youth.</summary>
    public static async Task EnsurePublicHostAsync(string url, CancellationToken ct)
    {
        var host = new Uri(url).Host;
        var addresses = IPAddress.TryParse(host, out var literal) ? [literal] : await ResolveAsync(host, ct);
        if (addresses.Length > 0 && !addresses.Any(IsPrivate)) return;
        throw DomainException.Invalid(
            $"„{host}“ ist keine öffentliche Adresse (oder nicht auffindbar). Von Adressen im lokalen Netz wird nicht geklont.",
            $"\"{host}\" is not a public address (or cannot be found). The platform does not clone from the local network.");
    }

    private static async Task<IPAddress[]> ResolveAsync(string host, CancellationToken ct)
    {
        try { return await Dns.GetHostAddressesAsync(host, ct); }
        catch (SocketException) { return []; }
    }

    public static bool IsPrivate(IPAddress address)
    {
        if (address.IsIPv4MappedToIPv6) address = address.MapToIPv4();
        if (IPAddress.IsLoopback(address) || address.IsIPv6LinkLocal || address.IsIPv6SiteLocal || address.IsIPv6UniqueLocal) return true;
        if (address.AddressFamily != AddressFamily.InterNetwork) return address.Equals(IPAddress.IPv6Any);
        var b = address.GetAddressBytes();
        return b[0] is 10 or 127 or 0 || (b[0] == 172 && b[1] is >= 16 and <= 31) || (b[0] == 192 && b[1] == 168)
               || (b[0] == 169 && b[1] == 254) || (b[0] == 100 && b[1] is >= 64 and <= 127);
    }
}
