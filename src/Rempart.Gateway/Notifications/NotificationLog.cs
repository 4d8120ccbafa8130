using Microsoft.Extensions.Logging;

namespace Rempart.Gateway.Notifications;

/// <summary>The notification log lines: channel names and reasons only, never URLs, secrets or passwords.</summary>
internal static partial class NotificationLog
{
    [LoggerMessage(EventId = 401, Level = LogLevel.Information, Message = "Notification {Kind} {Id} sent to channel {Channel}")]
    public static partial void Sent(ILogger logger, string kind, string id, string channel);

    [LoggerMessage(EventId = 402, Level = LogLevel.Warning, Message = "Notification {Kind} {Id} to channel {Channel} failed (attempt {Attempt} of {Attempts}), retrying in {Delay}: {Reason}")]
    public static partial void Retrying(ILogger logger, string kind, string id, string channel, int attempt, int attempts, TimeSpan delay, string reason);

    [LoggerMessage(EventId = 403, Level = LogLevel.Error, Message = "Notification {Kind} {Id} to channel {Channel} failed after {Attempts} attempt(s): {Reason}")]
    public static partial void Failed(ILogger logger, string kind, string id, string channel, int attempts, string reason);

    [LoggerMessage(EventId = 404, Level = LogLevel.Warning, Message = "Notification {Kind} {Id} dropped for channel {Channel}: {Reason}")]
    public static partial void Dropped(ILogger logger, string kind, string id, string channel, string reason);
}
