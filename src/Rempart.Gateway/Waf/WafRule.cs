using Rempart.Gateway.Waf.Statements;

namespace Rempart.Gateway.Waf;

/// <summary>
/// A compiled rule. <see cref="Id"/> is unique within its web ACL: the rule name, or
/// <c>group/rule</c> for rules inside a rule group; metrics, logs and block pages use it.
/// </summary>
public sealed record WafRule(string Id, int Priority, IWafStatement Statement, WafAction Action, string[] Labels, bool Metrics, bool Sampled);
