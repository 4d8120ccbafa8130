namespace Rempart.Gateway.Waf;

/// <summary>One evaluated rule in an explanation: whether it matched, the action it carries, and where it matched.</summary>
public sealed record RuleTrace(string RuleId, bool Matched, string? Action, MatchDetail? Detail);
