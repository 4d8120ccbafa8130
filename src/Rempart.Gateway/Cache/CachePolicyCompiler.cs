using System.Collections.Frozen;
using Rempart.Caching;
using Rempart.Gateway.Configuration.Cache;

namespace Rempart.Gateway.Cache;

/// <summary>
/// Compiles the cache section's named policies (and the built-in <c>default</c> and <c>disabled</c>)
/// into <see cref="CachePolicyModel"/>s, once per config load.
/// </summary>
public static class CachePolicyCompiler
{
    public static FrozenDictionary<string, CachePolicyModel> Compile(CacheConfig config)
    {
        var compression = config.Compression.Enabled ? new EdgeCompression(config.Compression) : EdgeCompression.Off;
        var policies = new Dictionary<string, CachePolicyModel>(StringComparer.Ordinal)
        {
            ["default"] = Compile("default", new CachePolicyConfig(), compression),
            ["disabled"] = CachePolicyModel.Disabled,
        };
        foreach (var (name, policy) in config.Policies)
        {
            policies[name] = Compile(name, policy, compression);
        }

        return policies.ToFrozenDictionary(StringComparer.Ordinal);
    }

    public static CachePolicyModel Compile(string name, CachePolicyConfig c, EdgeCompression compression)
    {
        var key = new CacheKeyPolicy
        {
            IncludeHost = c.Key.Host,
            QueryStrings = c.Key.QueryStrings.Behavior,
            QueryStringNames = c.Key.QueryStrings.Names,
            SortQueryStrings = c.Key.SortQueryStrings,
            Headers = c.Key.Headers,
            Cookies = c.Key.Cookies.Behavior,
            CookieNames = c.Key.Cookies.Names,
        };
        var policy = new CachePolicy
        {
            Key = key,
            MinTtl = c.MinTtl,
            DefaultTtl = c.DefaultTtl,
            MaxTtl = c.MaxTtl,
            HonorRequestDirectives = c.HonorRequestDirectives,
            HonorPrivate = c.HonorPrivate,
            HonorNoCache = c.HonorNoCache,
            AuthorizedRequests = c.AuthorizedRequests,
            SetCookie = c.SetCookie,
            DefaultStaleIfError = c.StaleIfError,
            StaleIfUnreachable = c.StaleIfUnreachable,
            Coalesce = c.Coalesce,
            FetchFullObjectOnRangeMiss = c.FetchFullObjectOnRangeMiss,
            MaxObjectSize = c.MaxObjectSize.Bytes,
        };
        var o = c.OriginRequest;
        var filter = new OriginRequestFilter(
            o.Headers.Behavior, o.Headers.Names, o.Cookies.Behavior, o.Cookies.Names,
            c.Key.Headers, o.DropHeaders, c.Key.Cookies.Behavior, c.Key.Cookies.Names);
        return new CachePolicyModel(name, policy, filter) { Compression = compression };
    }
}
