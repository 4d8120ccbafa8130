namespace Rempart.Gateway.Events;

/// <summary>Under-attack mode was switched by an operator (admin API or CLI); Route null means every route.</summary>
public sealed record UnderAttackModeChangedEvent(DateTimeOffset Time, string? Route, bool Enabled, string Actor) : GatewayEvent(Time)
{
    public override string Type => "under_attack_mode_changed";
}
