namespace Rempart.Gateway.Configuration;

public sealed record ClientIpConfig
{
    [ConfigDoc("CIDRs of proxies (load balancers, CDNs) in front of Rempart whose X-Forwarded-For is believed. Empty: the TCP peer is the client.")]
    public IReadOnlyList<string> TrustedProxies { get; init; } = [];

    [ConfigDoc("Header that carries the client chain from trusted proxies.")]
    public string ForwardedHeader { get; init; } = "X-Forwarded-For";

    [ConfigDoc("Header carrying the request id to the origin and back to the client.")]
    public string RequestIdHeader { get; init; } = "X-Request-Id";
}
