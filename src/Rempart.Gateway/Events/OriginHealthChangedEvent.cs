namespace Rempart.Gateway.Events;

public sealed record OriginHealthChangedEvent(DateTimeOffset Time, string Origin, string Target, bool Healthy, string Reason) : GatewayEvent(Time)
{
    public override string Type => "origin_health_changed";
}
