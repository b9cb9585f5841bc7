using System.Security.Cryptography;
using System.Text.Json;

namespace JugendLab.Orchestrator.Matrix;

/// <summary>
/// The homeserver's secrets, made once on the first start and kept in the platform's data directory (readable by the
/// platform alone). Never logged, never shown: the configuration files that carry them belong to the homeserver's uid.
/// </summary>
public sealed record HomeserverSecrets(
    string RegistrationSharedSecret,
    string MacaroonSecretKey,
    string FormSecret,
    string DatabasePassword,
    string SigningKey)
{
    public const string FileName = "secrets.json";

    /// <summary>Reads the secrets from <paramref name="folder"/>, or makes and saves them when there are none yet.</summary>
    public static HomeserverSecrets LoadOrCreate(string folder)
    {
        var path = Path.Combine(folder, FileName);
        if (File.Exists(path))
            return JsonSerializer.Deserialize<HomeserverSecrets>(File.ReadAllText(path))
                   ?? throw new InvalidDataException($"{path} is empty; move it away to make new homeserver secrets (the homeserver's database then needs its old password).");
        var secrets = new HomeserverSecrets(Random(32), Random(32), Random(32), Random(24), NewSigningKey());
        Directory.CreateDirectory(folder);
        var temporary = path + ".new";
        File.WriteAllText(temporary, JsonSerializer.Serialize(secrets));
        if (!OperatingSystem.IsWindows()) File.SetUnixFileMode(temporary, UnixFileMode.UserRead | UnixFileMode.UserWrite);
        File.Move(temporary, path, overwrite: true);
        return secrets;
    }

    /// <summary>Letters and digits only, so they need no quoting in YAML or a connection string.</summary>
    private static string Random(int length) =>
        RandomNumberGenerator.GetString("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789", length);

    /// <summary>
    /// Synapse's signing key file: <c>ed25519 &lt;key id&gt; &lt;seed&gt;</c>, the seed 32 random bytes in unpadded base64.
    /// Any 32 random bytes are a valid Ed25519 seed, so no crypto library is needed to make one.
    /// </summary>
    private static string NewSigningKey() =>
        $"ed25519 a_{Random(4)} {Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)).TrimEnd('=')}";

    public override string ToString() => "HomeserverSecrets { … }"; // never printed by accident
}
