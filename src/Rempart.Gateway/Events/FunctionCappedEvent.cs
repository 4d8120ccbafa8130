namespace Rempart.Gateway.Events;

/// <summary>An event function asked for more decisions and IP-set changes than its <c>limits.max_effects</c>: the first ones were applied, <see cref="Refused"/> were not.</summary>
public sealed record FunctionCappedEvent(DateTimeOffset Time, string Function, string EventType, int Applied, int Refused, int MaxEffects) : GatewayEvent(Time), IPersistedEvent
{
    public override string Type => "function_capped";

    /// <summary>Caused while a function handled another function's trouble event: stored and counted, never delivered to functions.</summary>
    public bool Cascade { get; init; }

    public string? Subject => null;
}
