namespace Rempart.Gateway.Events;

/// <summary>A decision reached its expiry and is no longer enforced.</summary>
public sealed record DecisionExpiredEvent(DateTimeOffset Time, string Id, string Scope, string Action, string Source) : GatewayEvent(Time), IPersistedEvent
{
    public override string Type => "decision_expired";

    public string? Subject => Scope;
}
