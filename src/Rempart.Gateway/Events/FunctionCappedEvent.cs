namespace Rempart.Gateway.Events;

/// <summary>An event function asked for more decisions and IP-set changes than its <c>limits.max_effects</c>: the first ones were applied, <see cref="Refused"/> were not.</summary>
public sealed record FunctionCappedEvent(DateTimeOffset Time, string Function, string EventType, int Applied, int Refused, int MaxEffects) : GatewayEvent(Time), IPersistedEvent
{
    public override string Type => "function_capped";

    public string? Subject => null;
}
