namespace Rempart.Gateway.Waf;

/// <summary>
/// One top-level entry of a web ACL: a plain rule, a rule group (managed or operator-defined) whose rules run in
/// order, or a SecLang group (CRS or ModSecurity files) run by the SecLang engine.
/// </summary>
public sealed record WafRuleEntry(string Name, int Priority, WafRule? Rule, WafRule[]? GroupRules, bool CountOnly, SecLang.SecLangGroup? SecLang = null);
