using Rempart.Gateway.Shield.Detection;

namespace Rempart.Gateway.Events;

/// <summary>The mitigations of an open attack changed (a signature kind applied, or under-attack mode switched on).</summary>
public sealed record AttackMitigationChangedEvent(DateTimeOffset Time, AttackReport Attack) : GatewayEvent(Time)
{
    public override string Type => "attack_mitigation_changed";
}
