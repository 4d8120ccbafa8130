namespace Rempart.Gateway.Notifications;

public enum NotificationSeverity
{
    Info,
    Warning,
    Critical,
}
