namespace Rempart.Gateway.Configuration.Waf;

public sealed record RuleGroupReferenceConfig : IScalarForm<RuleGroupReferenceConfig>
{
    [ConfigDoc("Name of a group under rule_groups.")]
    [RequiredKey]
    public string Name { get; init; } = "";

    [ConfigDoc("Per-rule changes by rule name: count, block, allow, challenge or disable.")]
    public IReadOnlyDictionary<string, RuleOverride> Overrides { get; init; } = new Dictionary<string, RuleOverride>();

    public static IReadOnlyList<string> ScalarForms { get; } = [];

    public static RuleGroupReferenceConfig? FromScalar(string text) => text.Length > 0 ? new RuleGroupReferenceConfig { Name = text } : null;
}
