namespace Rempart.Gateway.Configuration.Waf;

/// <summary>
/// One CRS exclusion, in the forms CRS documents: remove rules by id or tag, remove a target (an argument, a
/// cookie, a header) from rules; for every request (configure-time, SecRuleRemoveById / SecRuleUpdateTargetById
/// after the rules) or only under a path prefix (runtime, a ctl: rule before the rules). Or raw SecLang.
/// </summary>
public sealed record CrsExclusionConfig
{
    [ConfigDoc("Rule ids or id ranges to remove, e.g. [942100, \"920300-920330\"] (SecRuleRemoveById; ctl:ruleRemoveById with path_prefix).")]
    public IReadOnlyList<string>? RemoveRules { get; init; }

    [ConfigDoc("Rule tags to remove, e.g. [attack-sqli, paranoia-level/2] (SecRuleRemoveByTag; ctl:ruleRemoveByTag with path_prefix).")]
    public IReadOnlyList<string>? RemoveTags { get; init; }

    [ConfigDoc("Targets to stop inspecting, e.g. [ARGS:password, REQUEST_COOKIES:/^sess_/], in the rules given by rules or tags (SecRuleUpdateTargetById/ByTag with !; ctl:ruleRemoveTargetById/ByTag with path_prefix).")]
    public IReadOnlyList<string>? RemoveTargets { get; init; }

    [ConfigDoc("For remove_targets: the rule ids or ranges whose targets change.")]
    public IReadOnlyList<string>? Rules { get; init; }

    [ConfigDoc("For remove_targets: the rule tags whose targets change.")]
    public IReadOnlyList<string>? Tags { get; init; }

    [ConfigDoc("Apply the exclusion only to requests whose path (REQUEST_FILENAME) starts with this, e.g. /wp-admin/.")]
    public string? PathPrefix { get; init; }

    [ConfigDoc("Raw SecLang loaded before the CRS rules (what REQUEST-900-EXCLUSION-RULES-BEFORE-CRS.conf holds: runtime ctl: exclusions).")]
    public string? BeforeCrs { get; init; }

    [ConfigDoc("Raw SecLang loaded after the CRS rules (what RESPONSE-999-EXCLUSION-RULES-AFTER-CRS.conf holds: SecRuleRemoveById, SecRuleUpdateTargetById …).")]
    public string? AfterCrs { get; init; }
}
