using System.Net;

namespace Rempart.Gateway.Events;

/// <summary>
/// One finished request; published only while someone subscribes to it (automations do), so it costs nothing otherwise.
/// <see cref="Decision"/> is what Shield's decision stage did (ban:ID, challenge:ID, throttle:ID, reputation…), null when nothing.
/// </summary>
public sealed record RequestCompletedEvent(
    DateTimeOffset Time,
    string RequestId,
    IPAddress ClientIp,
    string Method,
    string Host,
    string Path,
    int Status,
    string? Route,
    string? Decision = null) : GatewayEvent(Time)
{
    public override string Type => "request_completed";
}
