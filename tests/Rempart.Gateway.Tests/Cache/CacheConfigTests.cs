using System.Net;
using Rempart.Gateway.Configuration;
using Rempart.Gateway.Tests.Infrastructure;
using static Rempart.Gateway.Tests.Cache.CacheTestSupport;

namespace Rempart.Gateway.Tests.Cache;

/// <summary>The cache section: every error at once with file:line and a fix; named policies in effect; hot reload.</summary>
public class CacheConfigTests
{
    [Fact]
    public void BadCacheSection_ReportsEveryError_WithPositions()
    {
        var yaml = """
            origins: { app: { targets: ["http://127.0.0.1:3000"] } }
            cache:
              memory: { max_size: 1KiB, max_object_size: 8MiB }
              status_name: "bad name"
              targeted_fields: ["CDN Cache Control"]
              coalesce_timeout: 0s
              compression: { types: ["text"] }
              policies:
                default: {}
                static:
                  min_ttl: 1h
                  max_ttl: 1m
                  default_ttl: 1d
                  key: { query_strings: { allow_list: [v], all_except: [w] }, headers: ["Accept Language"] }
                  authorized_requests: allow
            routes:
              - match: { paths: ["/"] }
                origin: app
                cache: statik
            """;

        var result = ConfigLoader.LoadText(yaml, "rempart.yaml", Path.GetTempPath());
        string Find(string pathEnd) => result.Errors.FirstOrDefault(e => e.Path.EndsWith(pathEnd, StringComparison.Ordinal))?.ToString() ?? "";

        Assert.Contains("rempart.yaml:3:", Find("cache.memory.max_size"), StringComparison.Ordinal);
        Assert.Contains("too small", Find("cache.memory.max_size"), StringComparison.Ordinal);
        Assert.Contains("between 1 byte and memory.max_size", Find("cache.memory.max_object_size"), StringComparison.Ordinal);
        Assert.Contains("not a Structured Field token", Find("cache.status_name"), StringComparison.Ordinal);
        Assert.Contains("not a header field name", Find("cache.targeted_fields[0]"), StringComparison.Ordinal);
        Assert.Contains("greater than zero", Find("cache.coalesce_timeout"), StringComparison.Ordinal);
        Assert.Contains("not a media type", Find("cache.compression.types[0]"), StringComparison.Ordinal);
        Assert.Contains("built-in cache policy name", Find("cache.policies.default"), StringComparison.Ordinal);
        Assert.Contains("below min_ttl", Find("policies.static.max_ttl"), StringComparison.Ordinal);
        Assert.Contains("outside [min_ttl, max_ttl]", Find("policies.static.default_ttl"), StringComparison.Ordinal);
        Assert.Contains("both set", Find("policies.static.key.query_strings"), StringComparison.Ordinal);
        Assert.Contains("not a header field name", Find("policies.static.key.headers[0]"), StringComparison.Ordinal);
        Assert.Contains("bypass, follow_rfc", Find("policies.static.authorized_requests"), StringComparison.Ordinal);
        Assert.Contains("did you mean 'static'?", Find("routes[0].cache"), StringComparison.Ordinal);
        Assert.Contains("rempart.yaml:19:", Find("routes[0].cache"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task NamedPolicy_DefaultTtlAndKey_AreApplied_AndReloadSwapsThem()
    {
        await using var origin = await TestOrigin.StartAsync();
        origin.Handler = Answer("no headers");
        var policies = """
            cache:
              policies:
                static:
                  default_ttl: 1h
                  key: { query_strings: { allow_list: [v] } }
                  origin_request: { cookies: none }
            """;
        await using var gw = await TestGateway.StartAsync(Config(origin, "static", policies));

        await gw.Client.GetStringAsync("/app.js?v=1&utm=a");
        await gw.Client.GetStringAsync("/app.js?utm=b&v=1");
        using var withCookie = new HttpRequestMessage(HttpMethod.Get, "/other.js");
        withCookie.Headers.Add("Cookie", "session=secret");
        withCookie.Headers.Add("X-Original-URL", "/admin");
        await gw.Client.SendAsync(withCookie);

        Assert.Equal(2, origin.Hits); // the second is a hit: utm is not in the key
        Assert.False(origin.Received.Last().Headers.ContainsKey("Cookie"));
        Assert.False(origin.Received.Last().Headers.ContainsKey("X-Original-URL"));

        await gw.RewriteConfigAsync(Config(origin, "disabled", policies));
        await Eventually.TrueAsync(() => gw.Host.State.Current.Generation == 2, "the reload was applied");
        await gw.Client.GetStringAsync("/app.js?v=1");
        Assert.Equal(3, origin.Hits);
    }
}
