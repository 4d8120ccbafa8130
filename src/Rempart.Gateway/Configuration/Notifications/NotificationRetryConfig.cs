namespace Rempart.Gateway.Configuration.Notifications;

public sealed record NotificationRetryConfig
{
    [ConfigDoc("Delivery attempts per notification and channel, the first included.")]
    public int Attempts { get; init; } = 5;

    [ConfigDoc("Wait before the second attempt; doubled for each further attempt.")]
    public TimeSpan InitialBackoff { get; init; } = TimeSpan.FromSeconds(1);

    [ConfigDoc("Longest wait between two attempts.")]
    public TimeSpan MaxBackoff { get; init; } = TimeSpan.FromMinutes(1);
}
