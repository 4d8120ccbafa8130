namespace Rempart.Gateway.Configuration;

public sealed record AdminConfig
{
    [ConfigDoc("Admin API address. Keep it on loopback unless a firewall guards it.")]
    public string Listen { get; init; } = "http://127.0.0.1:9901";

    [ConfigDoc("File holding the bearer token; created with mode 0600 on first start. Default: <data_dir>/admin.token. REMPART_ADMIN_TOKEN overrides it.")]
    public string? TokenFile { get; init; }

    [ConfigDoc("Turns the admin listener off entirely.")]
    public bool Enabled { get; init; } = true;
}
