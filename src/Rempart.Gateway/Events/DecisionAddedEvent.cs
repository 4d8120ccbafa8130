namespace Rempart.Gateway.Events;

/// <summary>A decision was taken (or replaced a weaker one) and is enforced from the next request.</summary>
public sealed record DecisionAddedEvent(
    DateTimeOffset Time,
    string Id,
    string ScopeType,
    string Scope,
    string Action,
    DateTimeOffset? ExpiresAt,
    string Reason,
    string Source,
    string Actor) : GatewayEvent(Time), IPersistedEvent
{
    public override string Type => "decision_added";

    public string? Subject => Scope;
}
