namespace Rempart.Gateway.Configuration;

public sealed record LogsConfig
{
    [ConfigDoc("The access log: one JSON line per request.")]
    public AccessLogConfig Access { get; init; } = new();

    [ConfigDoc("Capacity of each event-bus subscriber's queue; a full queue drops (and counts) the event, never blocks a request.")]
    public int EventQueueCapacity { get; init; } = 10_000;
}
