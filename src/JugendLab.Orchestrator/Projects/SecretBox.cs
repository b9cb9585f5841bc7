using JugendLab.Orchestrator.State;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.EntityFrameworkCore;

namespace JugendLab.Orchestrator.Projects;

/// <summary>
/// Encrypts secrets at rest with ASP.NET Core Data Protection (keys in the data directory's "keys" folder), and gives a
/// container its environment with the secrets decrypted — the only place they are ever turned back into plain text.
/// </summary>
public sealed class SecretBox(IDataProtectionProvider provider, IDbContextFactory<JugendLabDb> dbFactory)
{
    private readonly IDataProtector _protector = provider.CreateProtector("JugendLab.ProjectSecrets.v1");

    public string Protect(string value) => _protector.Protect(value);

    /// <summary>The project's variables, secrets decrypted, for its container's environment.</summary>
    public async Task<IReadOnlyDictionary<string, string>> EnvironmentAsync(int projectId, CancellationToken ct)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var variables = await db.ProjectVariables.Where(v => v.ProjectId == projectId).ToListAsync(ct);
        return variables.ToDictionary(v => v.Name, v => v.IsSecret ? Unprotect(v) : v.StoredValue);
    }

    private string Unprotect(ProjectVariable secret)
    {
        try
        {
            return _protector.Unprotect(secret.StoredValue);
        }
        catch (System.Security.Cryptography.CryptographicException)
        {
            // The key ring was lost or replaced (a restore without the keys folder): the value cannot come back.
            throw Errors.DomainException.Conflict(
                $"Das Geheimnis «{secret.Name}» lässt sich nicht mehr entschlüsseln (der Schlüssel der Plattform fehlt). Gib es in den Einstellungen neu ein.",
                $"The secret \"{secret.Name}\" can no longer be decrypted (the platform's key is missing). Enter it again in the settings.");
        }
    }
}
