namespace Rempart.Gateway.Configuration.Waf;

public sealed record JsonBodyConfig
{
    [ConfigDoc("JSON Pointers (RFC 6901) of the values to inspect, e.g. /user/name; empty: every value.")]
    public IReadOnlyList<string> Paths { get; init; } = [];

    [ConfigDoc("Inspect values, keys, or both.")]
    public MatchScope MatchScope { get; init; } = MatchScope.Value;

    [ConfigDoc("When the body is not valid JSON: match, no_match, or evaluate_as_string (inspect it as text).")]
    public InvalidJsonFallback InvalidFallback { get; init; } = InvalidJsonFallback.EvaluateAsString;

    [ConfigDoc("When the body is larger than body_limit: continue, match or no_match.")]
    public OversizeHandling Oversize { get; init; } = OversizeHandling.Continue;
}
