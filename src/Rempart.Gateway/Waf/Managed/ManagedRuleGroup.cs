using Rempart.Gateway.Configuration.Waf;

namespace Rempart.Gateway.Waf.Managed;

/// <summary>A managed rule group shipped with Rempart: its name, what it is for, and its rules in the config language.</summary>
public sealed record ManagedRuleGroup(string Name, string Description, IReadOnlyList<RuleConfig> Rules);
