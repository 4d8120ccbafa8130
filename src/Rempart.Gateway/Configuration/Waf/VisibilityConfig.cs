namespace Rempart.Gateway.Configuration.Waf;

public sealed record VisibilityConfig
{
    [ConfigDoc("Count matches in rempart_waf_rule_matches_total.")]
    public bool Metrics { get; init; } = true;

    [ConfigDoc("Keep the last matched requests for GET /api/v1/web-acls/{name}/sampled.")]
    public bool SampledRequests { get; init; } = true;
}
