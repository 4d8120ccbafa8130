namespace Rempart.Gateway.Configuration.Waf;

public sealed record ManagedGroupConfig
{
    [ConfigDoc("The group: core, known_bad_inputs, sql_database, linux, unix, windows, php, bad_bots (docs/waf-managed-rules.md).")]
    [RequiredKey]
    public string Name { get; init; } = "";

    [ConfigDoc("Per-rule changes by rule name: count, block, allow, challenge or disable.")]
    public IReadOnlyDictionary<string, RuleOverride> Overrides { get; init; } = new Dictionary<string, RuleOverride>();
}
