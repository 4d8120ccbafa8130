using System.Net;
using Rempart.Gateway.Waf.Statements;

namespace Rempart.Gateway.Decisions;

/// <summary>
/// What decisions may cover and how they are enforced, compiled from <c>automations.decisions</c>,
/// <c>automations.allow_list</c> and <c>client_ip.trusted_proxies</c>; part of each config snapshot.
/// </summary>
public sealed class DecisionPolicy(
    int maxActive,
    int minPrefixV4,
    int minPrefixV6,
    int throttlePerMinute,
    int challengeDifficulty,
    TimeSpan challengeImmunity,
    IReadOnlyList<IPNetwork> allowList,
    IReadOnlyList<IPNetwork> trustedProxies,
    Waf.Geo.GeoLookup? geo)
{
    public static readonly DecisionPolicy Default = new(200_000, 8, 19, 60, 16, TimeSpan.FromMinutes(5), [IPNetwork.Parse("127.0.0.0/8"), IPNetwork.Parse("::1/128")], [], null);

    public int MaxActive { get; } = maxActive;

    public int MinPrefixV4 { get; } = minPrefixV4;

    public int MinPrefixV6 { get; } = minPrefixV6;

    public int ThrottlePerMinute { get; } = throttlePerMinute;

    public int ChallengeDifficulty { get; } = challengeDifficulty;

    public TimeSpan ChallengeImmunity { get; } = challengeImmunity;

    public IReadOnlyList<IPNetwork> AllowListNetworks { get; } = allowList;

    public IpPrefixSet AllowList { get; } = new(allowList);

    /// <summary>On <c>automations.allow_list</c>: never refused, never decided against. Ask through <see cref="Pipeline.GatewayRequestFeature.IsAllowListed"/> on the request path, so a request asks once, of its own snapshot.</summary>
    public bool IsAllowListed(System.Net.IPAddress client) => AllowList.Count > 0 && AllowList.Contains(client);

    public IReadOnlyList<IPNetwork> TrustedProxies { get; } = trustedProxies;

    /// <summary>Country and ASN lookups for country:/asn: scopes; null without a geo database.</summary>
    public Waf.Geo.GeoLookup? Geo { get; } = geo;
}
