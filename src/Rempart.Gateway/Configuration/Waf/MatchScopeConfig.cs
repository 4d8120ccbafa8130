namespace Rempart.Gateway.Configuration.Waf;

/// <summary>Which entries of a multi-valued field (headers, cookies, query arguments, form fields) are inspected, and which part.</summary>
public sealed record MatchScopeConfig
{
    [ConfigDoc("Names to inspect (case-insensitive); empty: all.")]
    public IReadOnlyList<string> Include { get; init; } = [];

    [ConfigDoc("Names to skip (case-insensitive).")]
    public IReadOnlyList<string> Exclude { get; init; } = [];

    [ConfigDoc("Inspect the values, the names (key) or both (all).")]
    public MatchScope MatchScope { get; init; } = MatchScope.Value;

    [ConfigDoc("When the field was larger than what was inspected: continue, match or no_match.")]
    public OversizeHandling Oversize { get; init; } = OversizeHandling.Continue;
}
