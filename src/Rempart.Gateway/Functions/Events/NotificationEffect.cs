using Rempart.Gateway.Notifications;

namespace Rempart.Gateway.Functions.Events;

/// <summary>A notification an event function sends through <c>notifications:</c>; its kind is the function's name.</summary>
public sealed record NotificationEffect(string Title, string? Text, NotificationSeverity Severity, IReadOnlyDictionary<string, string> Fields, IReadOnlyList<string>? Channels);
