namespace Rempart.Gateway.Configuration.Waf;

/// <summary>A reusable group of rules (AWS: rule group), referenced from web ACLs with rule_group.</summary>
public sealed record RuleGroupConfig
{
    [ConfigDoc("What the group is for.")]
    public string? Description { get; init; }

    [ConfigDoc("The group's rules, in priority order.")]
    public IReadOnlyList<RuleConfig> Rules { get; init; } = [];
}
