namespace Rempart.Gateway.Configuration.Notifications;

public enum WebhookFormat
{
    /// <summary>Rempart's JSON: id, kind, title, severity, time, text, fields.</summary>
    Json,

    /// <summary>Slack incoming-webhook payload (text and blocks), also accepted by Mattermost and Rocket.Chat.</summary>
    Slack,
}
