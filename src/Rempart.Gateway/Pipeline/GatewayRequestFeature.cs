using System.Net;
using Rempart.Gateway.Model;
using Rempart.Gateway.Proxy;

namespace Rempart.Gateway.Pipeline;

/// <summary>
/// Everything the stages learn about one request, in one object set by the first stage and read by
/// the ones after it and by the access log. Fields later stages fill (WAF verdict, labels, cache
/// status) are here from the start.
/// </summary>
public sealed class GatewayRequestFeature(GatewayModel model, long startTimestamp)
{
    public GatewayModel Model { get; } = model;

    public long StartTimestamp { get; } = startTimestamp;

    public string RequestId { get; set; } = "";

    public IPAddress ClientIp { get; set; } = IPAddress.None;

    /// <summary>True when the TCP peer is a trusted proxy, so its forwarding headers were believed.</summary>
    public bool PeerTrusted { get; set; }

    /// <summary>The X-Forwarded-For value sent to the origin: the trusted chain plus the peer.</summary>
    public string ForwardedFor { get; set; } = "";

    public string ForwardedProto { get; set; } = "http";

    public string ForwardedHost { get; set; } = "";

    public RouteModel? Route { get; set; }

    public string? OriginName { get; set; }

    public TargetState? Target { get; set; }

    public TimeSpan? OriginDuration { get; set; }

    /// <summary>Why the gateway, not the origin, produced the answer (no_route, connect, timeout, …).</summary>
    public string? Error { get; set; }

    /// <summary>Set by the proxy while it forwards to an origin group's primary: statuses that trigger failover.</summary>
    public IReadOnlySet<int>? FailoverStatuses { get; set; }

    /// <summary>Set by the transformer when the primary answered a failover status; the body was not relayed.</summary>
    public bool FailoverTriggered { get; set; }

    public long BytesIn { get; set; }

    public long BytesOut { get; set; }

    // Filled by later stages (WAF, cache); null until they exist.
    public string? WafVerdict { get; set; }

    public string? WafRule { get; set; }

    public List<string>? Labels { get; set; }

    public string? CacheStatus { get; set; }

    /// <summary>Set by the cache stage: sees the origin's answer before the client does.</summary>
    public IOriginHook? OriginHook { get; set; }

    public string? Decision { get; set; }

    /// <summary>
    /// The request's header names in the order they arrived (lowercased, ':'-joined), taken from the
    /// connection's observer by the first stage; null when not observed (HTTP/2, or no config reads
    /// it). The WAF's <c>header_order</c> field and Shield's signature both read this one observation.
    /// </summary>
    public string? HeaderOrder { get; set; }

    private bool? _allowListed;

    /// <summary>
    /// Whether the client is on <c>automations.allow_list</c> in this request's snapshot: worked out
    /// the first time a stage asks (the decision stage, or the completion event for automations),
    /// then remembered, so a request is checked once and against one config.
    /// </summary>
    public bool IsAllowListed() => _allowListed ??= Model.Decisions.IsAllowListed(ClientIp);
}
