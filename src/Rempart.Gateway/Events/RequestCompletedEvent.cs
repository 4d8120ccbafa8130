using System.Net;

namespace Rempart.Gateway.Events;

/// <summary>One finished request; published only while someone subscribes to it (automations do), so it costs nothing otherwise.</summary>
public sealed record RequestCompletedEvent(
    DateTimeOffset Time,
    string RequestId,
    IPAddress ClientIp,
    string Method,
    string Host,
    string Path,
    int Status,
    string? Route) : GatewayEvent(Time)
{
    public override string Type => "request_completed";
}
