using System.Text.Json;

namespace Rempart.Gateway.Events;

/// <summary>
/// An event function failed on an event every time it was tried (the first attempt and its
/// retries): the event is kept here, whole, in the events table, so an operator can see what was
/// not handled and replay it (`rempart functions test NAME --event`).
/// </summary>
public sealed record FunctionDeadLetteredEvent(DateTimeOffset Time, string Function, string EventType, int Attempts, string LastError, JsonElement Event) : GatewayEvent(Time), IPersistedEvent
{
    public override string Type => "function_dead_lettered";

    /// <summary>Caused while a function handled another function's trouble event: stored and counted, never delivered to functions.</summary>
    public bool Cascade { get; init; }

    public string? Subject => Event.ValueKind == JsonValueKind.Object && Event.TryGetProperty("client_ip", out var ip) && ip.ValueKind == JsonValueKind.String ? ip.GetString() : null;
}
