namespace Rempart.Gateway.Waf;

/// <summary>One top-level entry of a web ACL: a plain rule, or a rule group (managed or operator-defined) whose rules run in order.</summary>
public sealed record WafRuleEntry(string Name, int Priority, WafRule? Rule, WafRule[]? GroupRules, bool CountOnly);
