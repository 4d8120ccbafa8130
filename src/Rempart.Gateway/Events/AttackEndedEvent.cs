using Rempart.Gateway.Shield.Detection;

namespace Rempart.Gateway.Events;

/// <summary>An attack event closed: traffic was back to baseline for the quiet period; its mitigations were removed.</summary>
public sealed record AttackEndedEvent(DateTimeOffset Time, AttackReport Attack) : GatewayEvent(Time)
{
    public override string Type => "attack_ended";
}
