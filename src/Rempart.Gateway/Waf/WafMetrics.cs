using System.Diagnostics.Metrics;

namespace Rempart.Gateway.Waf;

/// <summary>WAF instruments: verdicts per web ACL and matches per rule (labels bounded by the config's rules).</summary>
public sealed class WafMetrics(Meter meter)
{
    private readonly Counter<long> _requests = meter.CreateCounter<long>("rempart_waf_requests", description: "Requests evaluated by a web ACL, by verdict (allow, block, count, challenge).");
    private readonly Counter<long> _matches = meter.CreateCounter<long>("rempart_waf_rule_matches", description: "Rule matches by web ACL, rule and action taken (block, count, allow, challenge, challenge_passed).");
    private readonly Counter<long> _bodyOversize = meter.CreateCounter<long>("rempart_waf_body_oversize", description: "Requests whose body was larger than the web ACL's body_limit (inspected up to the limit).");

    public void Evaluated(string acl, string verdict) => _requests.Add(1, new("acl", acl), new("verdict", verdict));

    public void Matched(string acl, string rule, string action) => _matches.Add(1, new("acl", acl), new("rule", rule), new("action", action));

    public void BodyOversize(string acl) => _bodyOversize.Add(1, new KeyValuePair<string, object?>("acl", acl));
}
