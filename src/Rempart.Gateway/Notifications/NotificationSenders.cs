using System.Text;
using Rempart.Gateway.Configuration.Notifications;

namespace Rempart.Gateway.Notifications;

/// <summary>
/// The one table of channel transports: config → sender. A transport added later (e.g. a chat
/// API) is one more row here and one more property on <see cref="NotificationChannelConfig"/>.
/// Secrets are read here, when a channel's worker starts; one that cannot be read makes a sender
/// that fails every delivery with the reason (logged, counted), never a crash.
/// </summary>
internal static class NotificationSenders
{
    public static INotificationSender Create(NotificationChannelConfig channel, string baseDirectory, HttpClient http, TimeProvider time)
    {
        if (channel.Webhook is { } webhook)
        {
            var secret = SecretReader.Read(webhook.SecretEnv, webhook.SecretFile, baseDirectory, out var problem);
            return problem is not null
                ? new FailingSender($"the webhook secret cannot be read: {problem}")
                : new WebhookSender(webhook, secret is null ? null : Encoding.UTF8.GetBytes(secret), http, time);
        }

        if (channel.Email is { } email)
        {
            var password = SecretReader.Read(email.PasswordEnv, email.PasswordFile, baseDirectory, out var problem);
            return problem is not null ? new FailingSender($"the SMTP password cannot be read: {problem}") : new EmailSender(email, password);
        }

        return new FailingSender("the channel has no transport");
    }

    private sealed class FailingSender(string reason) : INotificationSender
    {
        public Task SendAsync(Notification notification, CancellationToken cancellationToken) =>
            Task.FromException(new NotificationDeliveryException(reason, permanent: true));

        public void Dispose()
        {
        }
    }
}
