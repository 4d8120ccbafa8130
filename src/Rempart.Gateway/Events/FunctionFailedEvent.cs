namespace Rempart.Gateway.Events;

/// <summary>A function threw, returned something unusable or hit a limit; <see cref="Outcome"/> says what the gateway did about it (fail_open, fail_closed, retry, dead_letter).</summary>
public sealed record FunctionFailedEvent(
    DateTimeOffset Time,
    string Function,
    string Trigger,
    string Failure,
    string? Limit,
    string Message,
    string? RequestId,
    string Outcome) : GatewayEvent(Time)
{
    public override string Type => "function_failed";

    /// <summary>Caused while a function handled another function's trouble event: stored and counted, never delivered to functions.</summary>
    public bool Cascade { get; init; }
}
