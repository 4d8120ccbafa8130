using System.Net;
using Rempart.Gateway.Configuration;
using Rempart.Gateway.Decisions;

namespace Rempart.Gateway.Automations;

/// <summary>Compiles a validated <c>automations:</c> section (and the trusted proxies it must respect).</summary>
public static class AutomationsModelCompiler
{
    public static AutomationsModel Compile(GatewayConfig config, IPNetwork[] trustedProxies, string baseDirectory)
    {
        var a = config.Automations;
        var d = a.Decisions;
        var allow = a.AllowList.Select(c => CidrParser.TryParse(c, out var n) ? n : throw new InvalidOperationException(c)).ToArray();
        var geo = config.Geo.Database is null && config.Geo.AsnDatabase is null
            ? null
            : Waf.Geo.GeoLookup.Open(
                config.Geo.Database is null ? null : ConfigPaths.Resolve(baseDirectory, config.Geo.Database),
                config.Geo.AsnDatabase is null ? null : ConfigPaths.Resolve(baseDirectory, config.Geo.AsnDatabase));
        return new AutomationsModel
        {
            Decisions = new DecisionPolicy(d.MaxActive, d.MinPrefixV4, d.MinPrefixV6, d.ThrottlePerMinute, d.ChallengeDifficulty, d.ChallengeImmunity, allow, trustedProxies, geo),
            Scanners = ScannersModel.From(a.Scanners),
            HttpFlood = HttpFloodModel.From(a.HttpFlood),
            Honeypot = HoneypotModel.From(a.Honeypot),
            ReputationLists = a.ReputationLists,
            DenyList = a.DenyList.Entries.Select(e => DecisionScope.TryParse(e, out var s, out _) ? s.Text : throw new InvalidOperationException(e)).Distinct().ToArray(),
            DenyRetention = a.DenyList.Retention,
            BaseDirectory = baseDirectory,
        };
    }
}
