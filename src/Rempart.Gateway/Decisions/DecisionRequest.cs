namespace Rempart.Gateway.Decisions;

/// <summary>
/// Asks for a decision. <paramref name="Scope"/> is written as operators write it (203.0.113.7,
/// 198.51.100.0/24, country:FR, asn:64500); <paramref name="Duration"/> null means no expiry;
/// <paramref name="Source"/> says who decided (operator, an automation's name, function:NAME).
/// </summary>
public sealed record DecisionRequest(string Scope, DecisionAction Action, TimeSpan? Duration, string Reason, string Source);
