namespace Rempart.Gateway.Configuration.Notifications;

/// <summary>
/// The <c>notifications:</c> section: named channels (webhook or email) that attack events,
/// automations and event functions send to. Delivery is off the request path: bounded queues,
/// retries with backoff; a failure is logged and counted, never blocks traffic.
/// </summary>
public sealed record NotificationsConfig
{
    [ConfigDoc("Named channels; each notification goes to every channel whose kinds accept it, or to the channels it names.")]
    public IReadOnlyDictionary<string, NotificationChannelConfig> Channels { get; init; } = new Dictionary<string, NotificationChannelConfig>();

    [ConfigDoc("Notifications waiting per channel; a notification that does not fit is dropped and counted.")]
    public int QueueCapacity { get; init; } = 1000;

    [ConfigDoc("How failed deliveries are retried.")]
    public NotificationRetryConfig Retry { get; init; } = new();
}
