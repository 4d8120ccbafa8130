namespace Rempart.Gateway.Shield.Detection;

/// <summary>What kind of layer-7 attack an event is; one event can carry several.</summary>
[Flags]
public enum AttackVector
{
    None = 0,

    /// <summary>A request flood where a few sources send most of the excess.</summary>
    RequestFloodFewSources = 1,

    /// <summary>A request flood spread over many sources, none dominant.</summary>
    RequestFloodDistributed = 2,

    /// <summary>Most requests carry query strings never seen twice: aimed past the cache at the origin.</summary>
    CacheBusting = 4,

    /// <summary>Clients holding connections with slow headers or bodies (transport timeouts fire en masse).</summary>
    SlowClients = 8,

    /// <summary>Connection limits fire en masse.</summary>
    ConnectionFlood = 16,

    /// <summary>A spike of WAF matches (SQL injection, XSS, scanners).</summary>
    WafCampaign = 32,
}

/// <summary>Stable wire names of <see cref="AttackVector"/> (API, events, metrics tags).</summary>
public static class AttackVectorNames
{
    public static readonly (AttackVector Vector, string Name)[] All =
    [
        (AttackVector.RequestFloodFewSources, "request_flood_few_sources"),
        (AttackVector.RequestFloodDistributed, "request_flood_distributed"),
        (AttackVector.CacheBusting, "cache_busting"),
        (AttackVector.SlowClients, "slow_clients"),
        (AttackVector.ConnectionFlood, "connection_flood"),
        (AttackVector.WafCampaign, "waf_campaign"),
    ];

    public static List<string> Names(AttackVector vectors) =>
        All.Where(v => (vectors & v.Vector) != 0).Select(v => v.Name).ToList();
}
