namespace Rempart.Gateway.Events;

/// <summary>
/// A transport limit (shield.transport) refused or closed a connection or request. <see cref="Limit"/>
/// is one of <see cref="Shield.Transport.TransportLimits"/>; <see cref="ClientIp"/> is known for
/// the connection caps and the body-size limit, null when Kestrel closed the connection itself.
/// </summary>
public sealed record TransportLimitFiredEvent(DateTimeOffset Time, string Limit, string? ClientIp) : GatewayEvent(Time)
{
    public override string Type => "transport_limit_fired";
}
