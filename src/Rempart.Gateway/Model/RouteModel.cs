using Rempart.Gateway.Configuration;
using Rempart.Gateway.Proxy;

namespace Rempart.Gateway.Model;

/// <summary>A compiled route: its matchers and the origin it forwards to, resolved at load.</summary>
public sealed class RouteModel(string name, RouteConfig config, IOriginHandle origin, Waf.WebAclModel? webAcl)
{
    private readonly string[] _hosts = config.Match.Hosts.ToArray();
    private readonly string[] _prefixes = config.Match.Paths.ToArray();
    private readonly string[] _exact = config.Match.ExactPaths.ToArray();

    public string Name { get; } = name;

    public RouteConfig Config { get; } = config;

    public IOriginHandle Origin { get; } = origin;

    /// <summary>The route's web ACL; null when the route says web_acl: none.</summary>
    public Waf.WebAclModel? WebAcl { get; } = webAcl;

    /// <summary>The route's cache policy, resolved at load (disabled unless the config says otherwise).</summary>
    public Cache.CachePolicyModel Cache { get; init; } = Rempart.Gateway.Cache.CachePolicyModel.Disabled;

    /// <summary>The route's and its origin's budgets (shield origin protection); null when neither has one.</summary>
    public Shield.OriginProtection.BudgetPlan? Budgets { get; init; }

    public bool Matches(ReadOnlySpan<char> host, ReadOnlySpan<char> path)
    {
        var hostOk = false;
        foreach (var h in _hosts)
        {
            if (HostPattern.Matches(h, host))
            {
                hostOk = true;
                break;
            }
        }

        if (!hostOk)
        {
            return false;
        }

        foreach (var e in _exact)
        {
            if (path.SequenceEqual(e))
            {
                return true;
            }
        }

        foreach (var p in _prefixes)
        {
            if (PrefixMatches(p, path))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>Prefixes match on segment boundaries: /api takes /api and /api/…, not /apix.</summary>
    public static bool PrefixMatches(string prefix, ReadOnlySpan<char> path)
    {
        if (!path.StartsWith(prefix, StringComparison.Ordinal))
        {
            return false;
        }

        return path.Length == prefix.Length || prefix.EndsWith('/') || path[prefix.Length] == '/';
    }
}
