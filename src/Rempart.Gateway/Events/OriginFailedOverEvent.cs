namespace Rempart.Gateway.Events;

public sealed record OriginFailedOverEvent(DateTimeOffset Time, string Group, string From, string To, string Reason, string RequestId) : GatewayEvent(Time)
{
    public override string Type => "origin_failed_over";
}
