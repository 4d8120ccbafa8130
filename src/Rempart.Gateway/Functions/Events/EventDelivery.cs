namespace Rempart.Gateway.Functions.Events;

/// <summary>
/// One event on its way to one function: its type and wire JSON (serialized once), an id that stays
/// the same across retries (an HTTP receiver drops duplicates by it), and the attempt number.
/// </summary>
public sealed record EventDelivery(string Id, string EventType, string Json, int Attempt);
