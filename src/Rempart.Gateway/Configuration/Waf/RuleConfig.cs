namespace Rempart.Gateway.Configuration.Waf;

public sealed record RuleConfig
{
    [ConfigDoc("Unique name within the web ACL; shown in metrics, logs and block pages.")]
    [RequiredKey]
    public string Name { get; init; } = "";

    [ConfigDoc("What the rule is for (shown by `rempart waf test` and in docs).")]
    public string? Description { get; init; }

    [ConfigDoc("Evaluation order: lower first. Unique within the web ACL.")]
    [RequiredKey]
    public int Priority { get; init; }

    [ConfigDoc("What the rule matches.")]
    [RequiredKey]
    public StatementConfig Statement { get; init; } = new();

    [ConfigDoc("What happens on a match: allow, block, count or challenge. Not for rule group statements (use override_action).")]
    public ActionConfig? Action { get; init; }

    [ConfigDoc("For managed_group and rule_group statements: none (the group's own actions) or count (every match only counts).")]
    public OverrideAction OverrideAction { get; init; } = OverrideAction.None;

    [ConfigDoc("Labels added to the request when the rule matches, e.g. app:login-flood; later rules match them with label_match.")]
    public IReadOnlyList<string> Labels { get; init; } = [];

    [ConfigDoc("Metrics and sampled requests for this rule.")]
    public VisibilityConfig Visibility { get; init; } = new();
}
