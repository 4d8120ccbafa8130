using System.Net;

namespace Rempart.Gateway.Events;

/// <summary>
/// One finished request; published only while someone subscribes to it (automations do), so it costs nothing otherwise.
/// <see cref="Decision"/> is what Shield's decision stage did (ban:ID, challenge:ID, throttle:ID, reputation…), null when nothing.
/// <see cref="AllowListed"/>: the client is on <c>automations.allow_list</c> in the request's own snapshot (automations skip it).
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
    string? Decision = null,
    bool AllowListed = false) : GatewayEvent(Time)
{
    public override string Type => "request_completed";
}
