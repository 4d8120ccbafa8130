namespace Rempart.Gateway.Waf;

/// <summary>The outcome of a web ACL: the action taken, the rule that decided (null: default action), labels, and every rule that matched.</summary>
public sealed record WafVerdict(WafAction Action, string? TerminatingRule, IReadOnlyList<string> Labels, IReadOnlyList<RuleMatch> Matches)
{
    public string Name => Action.Name;
}

/// <summary>A rule that matched, what it did, and where it matched.</summary>
public sealed record RuleMatch(string RuleId, string Action, MatchDetail? Detail);
