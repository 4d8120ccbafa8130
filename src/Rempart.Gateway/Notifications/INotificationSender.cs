namespace Rempart.Gateway.Notifications;

/// <summary>Delivers one notification over one channel's transport; throws <see cref="NotificationDeliveryException"/> on failure.</summary>
public interface INotificationSender : IDisposable
{
    Task SendAsync(Notification notification, CancellationToken cancellationToken);
}
