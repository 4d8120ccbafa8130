using Rempart.Gateway.Shield.Detection;

namespace Rempart.Gateway.Events;

/// <summary>A periodic snapshot of an open attack (every 10 s), so the stored record stays current.</summary>
public sealed record AttackProgressEvent(DateTimeOffset Time, AttackReport Attack) : GatewayEvent(Time)
{
    public override string Type => "attack_progress";
}
