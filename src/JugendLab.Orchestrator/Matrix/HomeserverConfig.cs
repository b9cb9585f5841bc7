using System.Text;
using JugendLab.Orchestrator.Configuration;

namespace JugendLab.Orchestrator.Matrix;

/// <summary>
/// Writes Synapse's configuration from the platform's settings: the server name is the base domain, registration only
/// with a registration token, federation off unless an allow-list is set, the log to the console, no statistics sent anywhere.
/// </summary>
public static class HomeserverConfig
{
    public const int Port = 8008;
    public const string DatabaseName = "synapse";

    /// <summary>The host name clients use for the homeserver: <c>matrix.&lt;base domain&gt;</c>.</summary>
    public static string Host(DomainOptions domain) => $"matrix.{domain.Base}";

    /// <summary>Where Matrix apps reach the homeserver through the gateway, e.g. <c>http://matrix.lab.localhost:8080/</c>.</summary>
    public static string PublicBaseUrl(DomainOptions domain) => new UriBuilder(domain.PublicUrl) { Host = Host(domain), Path = "/" }.Uri.ToString();

    /// <summary>The homeserver.yaml Synapse reads from /data.</summary>
    public static string Homeserver(MatrixOptions matrix, DomainOptions domain, HomeserverSecrets secrets, string databaseHost)
    {
        var federation = matrix.FederationAllowList.Count > 0;
        var yaml = new StringBuilder();
        yaml.AppendLine("# Written by JugendLab on every start; change the settings under JugendLab:Matrix instead of this file.");
        yaml.AppendLine($"server_name: {Quote(domain.Base)}");
        yaml.AppendLine($"public_baseurl: {Quote(PublicBaseUrl(domain))}");
        yaml.AppendLine("report_stats: false");
        yaml.AppendLine("listeners:");
        yaml.AppendLine($"  - port: {Port}");
        yaml.AppendLine("    bind_addresses: ['0.0.0.0']");
        yaml.AppendLine("    type: http");
        yaml.AppendLine("    tls: false");
        yaml.AppendLine("    x_forwarded: true");
        yaml.AppendLine("    resources:");
        yaml.AppendLine($"      - names: [{(federation ? "client, federation" : "client")}]");
        yaml.AppendLine("        compress: false");
        yaml.AppendLine("database:");
        yaml.AppendLine("  name: psycopg2");
        yaml.AppendLine("  args:");
        yaml.AppendLine($"    user: {DatabaseName}");
        yaml.AppendLine($"    password: {Quote(secrets.DatabasePassword)}");
        yaml.AppendLine($"    dbname: {DatabaseName}");
        yaml.AppendLine($"    host: {Quote(databaseHost)}");
        yaml.AppendLine("    port: 5432");
        yaml.AppendLine("    cp_min: 1");
        yaml.AppendLine("    cp_max: 5");
        yaml.AppendLine("log_config: /data/log.config");
        yaml.AppendLine("media_store_path: /data/media_store");
        yaml.AppendLine("signing_key_path: /data/signing.key");
        yaml.AppendLine($"registration_shared_secret: {Quote(secrets.RegistrationSharedSecret)}");
        yaml.AppendLine($"macaroon_secret_key: {Quote(secrets.MacaroonSecretKey)}");
        yaml.AppendLine($"form_secret: {Quote(secrets.FormSecret)}");
        // Neighbours join with a registration token from a mentor; nobody can sign up alone.
        yaml.AppendLine("enable_registration: true");
        yaml.AppendLine("registration_requires_token: true");
        yaml.AppendLine("allow_guest_access: false");
        yaml.AppendLine("url_preview_enabled: false");
        yaml.AppendLine("enable_metrics: false");
        yaml.AppendLine("presence:");
        yaml.AppendLine("  enabled: false");
        yaml.AppendLine("media_retention:");
        yaml.AppendLine($"  local_media_lifetime: {(int)Math.Ceiling(matrix.MediaRetention.TotalDays)}d");
        yaml.AppendLine($"  remote_media_lifetime: {(int)Math.Ceiling(Math.Min(matrix.MediaRetention.TotalDays, 30))}d");
        if (federation)
        {
            yaml.AppendLine("federation_domain_whitelist:");
            foreach (var server in matrix.FederationAllowList) yaml.AppendLine($"  - {Quote(server.Trim())}");
        }
        else
        {
            // No federation: no other server is asked for keys, and none may talk to this one.
            yaml.AppendLine("federation_domain_whitelist: []");
            yaml.AppendLine("trusted_key_servers: []");
            yaml.AppendLine("suppress_key_server_warning: true");
        }
        return yaml.ToString();
    }

    /// <summary>Python logging for Synapse: to the console (the engine keeps it, `docker logs` shows it), no access log
    /// (it would keep every neighbour's address), warnings from the database layer only.</summary>
    public static string Logging() =>
        """
        version: 1
        formatters:
          plain:
            format: '%(asctime)s %(levelname)s %(name)s: %(message)s'
        handlers:
          console:
            class: logging.StreamHandler
            formatter: plain
        loggers:
          synapse.access:
            level: WARNING
          synapse.storage.SQL:
            level: WARNING
        root:
          level: INFO
          handlers: [console]
        disable_existing_loggers: false

        """;

    /// <summary>A YAML double-quoted scalar.</summary>
    private static string Quote(string value) => "\"" + value.Replace("\\", "\\\\").Replace("\"", "\\\"") + "\"";
}
