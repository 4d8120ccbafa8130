namespace Rempart.Gateway.Notifications;

/// <summary>
/// One message for operators. <see cref="Kind"/> is a stable snake_case name channels filter on
/// (attack_started, attack_ended, mitigation_changed, function names…); <see cref="Fields"/> are
/// shown in order as "name: value" lines, JSON properties or Slack fields.
/// </summary>
public sealed record Notification(string Kind, string Title)
{
    /// <summary>Unique per notification; sent as X-Rempart-Delivery so a receiver can drop retried duplicates.</summary>
    public string Id { get; init; } = Guid.CreateVersion7().ToString("N");

    public NotificationSeverity Severity { get; init; } = NotificationSeverity.Info;

    /// <summary>A sentence or two of explanation; optional.</summary>
    public string? Text { get; init; }

    public IReadOnlyDictionary<string, string> Fields { get; init; } = new Dictionary<string, string>();

    /// <summary>Channels to send to; null: every channel whose kinds accept <see cref="Kind"/>.</summary>
    public IReadOnlyList<string>? Channels { get; init; }

    /// <summary>When it happened; the service sets the current time when left null.</summary>
    public DateTimeOffset? Time { get; init; }
}
