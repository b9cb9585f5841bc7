using JugendLab.Orchestrator.Configuration;
using JugendLab.Orchestrator.Matrix;
using Microsoft.Extensions.Time.Testing;

namespace JugendLab.Tests.Matrix;

[System.Runtime.Versioning.SupportedOSPlatform("linux")]
public sealed class HomeserverConfigTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("jl-matrix-").FullName;
    private readonly DomainOptions _domain = new() { Base = "quartier.example.org", PublicUrl = "https://quartier.example.org" };

    [Fact]
    public void Config_NamesUsersAfterTheBaseDomain_AndServesClientsAtMatrixDotBase()
    {
        var yaml = HomeserverConfig.Homeserver(new MatrixOptions(), _domain, HomeserverSecrets.LoadOrCreate(_folder), "jl-main-matrix-db");

        Assert.Contains("server_name: \"quartier.example.org\"", yaml);
        Assert.Contains("public_baseurl: \"https://matrix.quartier.example.org/\"", yaml);
        Assert.Contains("host: \"jl-main-matrix-db\"", yaml);
        Assert.Contains("name: psycopg2", yaml);
    }

    [Fact]
    public void Config_WithoutAllowList_HasNoFederation_AndAsksNoKeyServer()
    {
        var yaml = HomeserverConfig.Homeserver(new MatrixOptions(), _domain, HomeserverSecrets.LoadOrCreate(_folder), "db");

        Assert.Contains("- names: [client]", yaml);
        Assert.Contains("federation_domain_whitelist: []", yaml);
        Assert.Contains("trusted_key_servers: []", yaml);
        Assert.Contains("registration_requires_token: true", yaml);
        Assert.Contains("report_stats: false", yaml);
    }

    [Fact]
    public void Config_WithAnAllowList_FederatesWithThoseServersOnly()
    {
        var matrix = new MatrixOptions { FederationAllowList = ["nachbarquartier.example.net"] };

        var yaml = HomeserverConfig.Homeserver(matrix, _domain, HomeserverSecrets.LoadOrCreate(_folder), "db");

        Assert.Contains("- names: [client, federation]", yaml);
        Assert.Contains("federation_domain_whitelist:\n  - \"nachbarquartier.example.net\"", yaml.ReplaceLineEndings("\n"));
        Assert.DoesNotContain("trusted_key_servers: []", yaml);
    }

    [Fact]
    public void Config_KeepsMediaAsLongAsConfigured()
    {
        var yaml = HomeserverConfig.Homeserver(new MatrixOptions { MediaRetention = TimeSpan.FromDays(90) }, _domain, HomeserverSecrets.LoadOrCreate(_folder), "db");

        Assert.Contains("local_media_lifetime: 90d", yaml);
        Assert.Contains("remote_media_lifetime: 30d", yaml);
    }

    [Fact]
    public void Logging_GoesToTheConsole_WithoutAnAccessLog()
    {
        var logging = HomeserverConfig.Logging();

        Assert.Contains("class: logging.StreamHandler", logging);
        Assert.Contains("synapse.access:\n    level: WARNING", logging.ReplaceLineEndings("\n"));
        Assert.DoesNotContain("FileHandler", logging);
    }

    [Fact]
    public void Secrets_AreMadeOnce_KeptForThePlatformAlone_AndNeverPrinted()
    {
        var first = HomeserverSecrets.LoadOrCreate(_folder);
        var again = HomeserverSecrets.LoadOrCreate(_folder);

        Assert.Equal(first, again);
        Assert.NotEqual(first.MacaroonSecretKey, first.FormSecret);
        Assert.Equal(32, first.RegistrationSharedSecret.Length);
        Assert.Matches("^[A-Za-z0-9]+$", first.DatabasePassword);
        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(Path.Combine(_folder, HomeserverSecrets.FileName)));
        Assert.DoesNotContain(first.RegistrationSharedSecret, first.ToString());
        Assert.DoesNotContain(first.DatabasePassword, HomeserverConfig.Logging());
    }

    [Fact]
    public void SigningKey_IsAnEd25519SeedInSynapsesFormat()
    {
        var parts = HomeserverSecrets.LoadOrCreate(_folder).SigningKey.Split(' ');

        Assert.Equal("ed25519", parts[0]);
        Assert.Matches("^a_[A-Za-z0-9]{4}$", parts[1]);
        Assert.Equal(32, Convert.FromBase64String(parts[2] + new string('=', (4 - parts[2].Length % 4) % 4)).Length);
        Assert.DoesNotContain("=", parts[2]); // unpadded, as Synapse writes it
    }

    [Fact]
    public void BackOff_TriesAtOnce_ThenWaitsLongerEachTime_UpToFiveMinutes_AndResetsWhenHealthy()
    {
        var time = new FakeTimeProvider(DateTimeOffset.Parse("2026-12-02T10:00:00Z"));
        var backOff = new RestartBackOff(time);

        Assert.True(backOff.TryAttempt());
        Assert.False(backOff.TryAttempt());
        time.Advance(TimeSpan.FromSeconds(5));
        Assert.True(backOff.TryAttempt());
        time.Advance(TimeSpan.FromSeconds(9));
        Assert.False(backOff.TryAttempt());
        time.Advance(TimeSpan.FromSeconds(1));
        Assert.True(backOff.TryAttempt());
        for (var i = 0; i < 10; i++)
        {
            time.Advance(RestartBackOff.Longest);
            Assert.True(backOff.TryAttempt());
        }
        time.Advance(RestartBackOff.Longest - TimeSpan.FromSeconds(1));
        Assert.False(backOff.TryAttempt());

        backOff.Succeeded();
        Assert.True(backOff.TryAttempt());
        Assert.Equal(1, backOff.Attempts);
    }

    [Theory]
    [InlineData("Nachbarschaftshilfe", "nachbarschaftshilfe")]
    [InlineData("Infos aus dem Quartier", "infos-aus-dem-quartier")]
    [InlineData("Jugend-IT", "jugend-it")]
    [InlineData("Grüne Höfe & Gärten", "gruene-hoefe-gaerten")]
    [InlineData("  Café Élan!  ", "cafe-elan")]
    [InlineData("???", "raum")]
    public void RoomNames_BecomeSimpleAliases(string name, string alias) => Assert.Equal(alias, NeighbourhoodSpace.AliasOf(name));

    [Fact]
    public void StarterRooms_AreTheDefaults_UnlessConfigured()
    {
        Assert.Equal(MatrixOptions.DefaultStarterRooms, new MatrixOptions().Rooms);
        Assert.Equal(["Velo-Werkstatt"], new MatrixOptions { StarterRooms = ["Velo-Werkstatt"] }.Rooms);
    }

    public void Dispose() => Directory.Delete(_folder, recursive: true);
}
