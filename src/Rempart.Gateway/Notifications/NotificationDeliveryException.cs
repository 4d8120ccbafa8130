namespace Rempart.Gateway.Notifications;

/// <summary>
/// A delivery that failed. <see cref="Permanent"/> failures (a 4xx from a webhook, a rejected
/// recipient) are not retried. Messages never carry secrets or webhook URLs.
/// </summary>
public sealed class NotificationDeliveryException(string message, bool permanent, Exception? inner = null) : Exception(message, inner)
{
    public bool Permanent { get; } = permanent;
}
