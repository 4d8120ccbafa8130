namespace Rempart.Gateway.Waf;

/// <summary>One sampled request for a rule: when, who, what, and where the rule matched.</summary>
public sealed record WafSample(DateTimeOffset Time, string RequestId, string ClientIp, string Method, string Uri, string Action, string? Field, string? Value, string? Transforms, string? Detail, IReadOnlyList<string> Labels);
