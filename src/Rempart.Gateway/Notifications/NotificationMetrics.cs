using System.Diagnostics.Metrics;

namespace Rempart.Gateway.Notifications;

/// <summary>Delivery outcomes per channel (names from the config, so bounded).</summary>
public sealed class NotificationMetrics(Meter meter)
{
    private readonly Counter<long> _deliveries = meter.CreateCounter<long>("rempart_notifications", description: "Notification deliveries by channel and result (sent, failed, dropped, retried).");

    public void Count(string channel, string result) => _deliveries.Add(1, new("channel", channel), new("result", result));
}
