namespace Rempart.Gateway.Configuration.Waf;

public sealed record RateBasedConfig
{
    [ConfigDoc("Requests allowed per window for one key; the statement matches above it.")]
    [RequiredKey]
    public long Limit { get; init; }

    [ConfigDoc("Evaluation window, 1m to 10m (AWS: 60–600 s).")]
    public TimeSpan Window { get; init; } = TimeSpan.FromMinutes(5);

    [ConfigDoc("Aggregation: ip (default), forwarded_ip, constant, or up to 5 custom keys: { header: X }, { cookie: X }, { query_argument: X }, query_string, method, uri_path, { label_namespace: X }.")]
    public IReadOnlyList<RateKeyConfig> Keys { get; init; } = [];

    [ConfigDoc("Only requests matching this statement are counted.")]
    public StatementConfig? ScopeDown { get; init; }

    [ConfigDoc("Header for the forwarded_ip key.")]
    public ForwardedIpConfig? ForwardedIp { get; init; }
}
