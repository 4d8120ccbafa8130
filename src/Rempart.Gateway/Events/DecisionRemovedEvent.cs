namespace Rempart.Gateway.Events;

/// <summary>A decision was lifted before it expired (unban, a deny-list entry removed).</summary>
public sealed record DecisionRemovedEvent(DateTimeOffset Time, string Id, string Scope, string Action, string Reason, string Actor) : GatewayEvent(Time), IPersistedEvent
{
    public override string Type => "decision_removed";

    public string? Subject => Scope;
}
