using Rempart.Gateway.Shield.Detection;

namespace Rempart.Gateway.Events;

/// <summary>An attack event opened on a route (automatic detection).</summary>
public sealed record AttackStartedEvent(DateTimeOffset Time, AttackReport Attack) : GatewayEvent(Time)
{
    public override string Type => "attack_started";
}
