using System.Net;

namespace Rempart.Gateway.Events;

/// <summary>A request the WAF blocked or challenged, with the rule, where it matched and the labels — enough for `rempart explain`.</summary>
public sealed record RequestBlockedEvent(
    DateTimeOffset Time,
    string RequestId,
    IPAddress ClientIp,
    string Method,
    string Host,
    string Uri,
    string? Route,
    string WebAcl,
    string Action,
    string? Rule,
    IReadOnlyList<Waf.RuleMatch> Matches,
    IReadOnlyList<string> Labels) : GatewayEvent(Time)
{
    public override string Type => "request_blocked";
}
