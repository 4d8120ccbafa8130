namespace Rempart.Gateway.Configuration.Notifications;

/// <summary>One named channel: exactly one of <see cref="Webhook"/> and <see cref="Email"/>.</summary>
public sealed record NotificationChannelConfig
{
    [ConfigDoc("Notification kinds this channel takes (attack_started, attack_ended, mitigation_changed, …). Empty: every kind.")]
    public IReadOnlyList<string> Kinds { get; init; } = [];

    [ConfigDoc("Deliver as an HTTP POST of JSON, signed with HMAC-SHA256.")]
    public WebhookChannelConfig? Webhook { get; init; }

    [ConfigDoc("Deliver as an email over SMTP.")]
    public EmailChannelConfig? Email { get; init; }
}
