using Microsoft.Extensions.Logging;

namespace JugendLab.Orchestrator.Runtime;

/// <summary>
/// Keeps project containers away from the host: every team network's bridge is named "jl-…", and new connections
/// arriving from such a bridge at the host itself (the platform's ports, SSH, the Docker API over TCP, anything) are rejected.
/// Answers to connections the host opened (the gateway talking to a container) still pass.
/// </summary>
public sealed class HostFirewall(ILogger<HostFirewall> logger)
{
    private const string Chain = "JUGENDLAB-INPUT";

    public async Task ApplyAsync(CancellationToken ct)
    {
        if (!OperatingSystem.IsLinux() || Environment.UserName != "root")
        {
            logger.LogWarning("Not running as root on Linux: cannot add the firewall rule that keeps project containers away from the host's ports");
            return;
        }
        await IptablesAsync(ct, false, "-N", Chain);
        await IptablesAsync(ct, true, "-F", Chain);
        await IptablesAsync(ct, true, "-A", Chain, "-m", "conntrack", "--ctstate", "ESTABLISHED,RELATED", "-j", "RETURN");
        await IptablesAsync(ct, true, "-A", Chain, "-j", "REJECT");
        if (!await IptablesAsync(ct, false, "-C", "INPUT", "-i", "jl-+", "-j", Chain))
            await IptablesAsync(ct, true, "-I", "INPUT", "-i", "jl-+", "-j", Chain);
        logger.LogInformation("Firewall: project networks cannot open connections to the host");
    }

    private async Task<bool> IptablesAsync(CancellationToken ct, bool mustSucceed, params string[] args)
    {
        try
        {
            var result = await HostCommand.RunAsync(new CommandLine("iptables", args), ct);
            if (!result.Succeeded && mustSucceed)
                logger.LogWarning("iptables {Args} failed: {Error}", string.Join(' ', args), result.Said);
            return result.Succeeded;
        }
        catch (System.ComponentModel.Win32Exception)
        {
            if (mustSucceed) logger.LogWarning("iptables is not installed: project containers could reach the host's ports");
            return false;
        }
    }
}
