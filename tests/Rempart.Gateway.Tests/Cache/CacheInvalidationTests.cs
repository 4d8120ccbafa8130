using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.AspNetCore.Http;
using Rempart.Gateway.Tests.Infrastructure;
using static Rempart.Gateway.Tests.Cache.CacheTestSupport;

namespace Rempart.Gateway.Tests.Cache;

/// <summary>The admin API's invalidations (paths, wildcards, surrogate keys, all), their audit record, stats, and `rempart purge`.</summary>
public class CacheInvalidationTests
{
    private static async Task<(TestOrigin Origin, TestGateway Gateway)> StartAsync()
    {
        var origin = await TestOrigin.StartAsync();
        origin.Handler = context =>
        {
            var path = context.Request.Path.Value!;
            var tag = path.StartsWith("/products/", StringComparison.Ordinal) ? "product-" + path[10..] + " catalog" : "page";
            return Answer("body of " + path, ("Cache-Control", "max-age=600"), ("Surrogate-Key", tag))(context);
        };
        return (origin, await TestGateway.StartAsync(Config(origin)));
    }

    private static async Task<int> OriginHitsFor(TestOrigin origin, TestGateway gw, params string[] paths)
    {
        var before = origin.Hits;
        foreach (var p in paths)
        {
            await gw.Client.GetStringAsync(p);
        }

        return origin.Hits - before;
    }

    [Fact]
    public async Task Wildcard_RemovesEverythingBelowThePrefix_AndNothingElse()
    {
        var (origin, gw) = await StartAsync();
        await using var _ = origin;
        await using var __ = gw;
        await OriginHitsFor(origin, gw, "/img/a.png", "/img/b.png?v=2", "/css/site.css");

        using var response = await gw.Admin.PostAsJsonAsync("/api/v1/cache/invalidations", new { paths = new[] { "/img/*" } });
        using var doc = JsonDocument.Parse(await response.Content.ReadAsStringAsync());

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        Assert.Equal(2, doc.RootElement.GetProperty("removed").GetInt32());
        Assert.Equal(2, await OriginHitsFor(origin, gw, "/img/a.png", "/img/b.png?v=2"));
        Assert.Equal(0, await OriginHitsFor(origin, gw, "/css/site.css"));
    }

    [Fact]
    public async Task SurrogateKeyAndAll_RemoveWhatTheyName_AndAreRecordedInTheAuditTrail()
    {
        var (origin, gw) = await StartAsync();
        await using var _ = origin;
        await using var __ = gw;
        await OriginHitsFor(origin, gw, "/products/1", "/products/2", "/about");

        using var byKey = await gw.Admin.PostAsJsonAsync("/api/v1/cache/invalidations", new { surrogate_keys = new[] { "product-1" } });
        Assert.Equal(1, await OriginHitsFor(origin, gw, "/products/1", "/products/2", "/about"));

        using var all = await gw.Admin.PostAsJsonAsync("/api/v1/cache/invalidations", new { all = true });
        Assert.Equal(3, await OriginHitsFor(origin, gw, "/products/1", "/products/2", "/about"));

        var recorded = await gw.Admin.GetStringAsync("/api/v1/cache/invalidations");
        Assert.Contains("product-1", recorded, StringComparison.Ordinal);
        Assert.Contains("\"all\": true", recorded, StringComparison.Ordinal);
        var stats = await gw.Admin.GetStringAsync("/api/v1/cache/stats");
        Assert.Contains("\"entries\": 3", stats, StringComparison.Ordinal);
    }

    [Fact]
    public async Task InvalidRequests_Get400WithEveryError()
    {
        var (origin, gw) = await StartAsync();
        await using var _ = origin;
        await using var __ = gw;

        using var bad = await gw.Admin.PostAsJsonAsync("/api/v1/cache/invalidations", new { paths = new[] { "img/*", "/a*b" } });
        using var empty = await gw.Admin.PostAsJsonAsync("/api/v1/cache/invalidations", new { });
        using var garbage = await gw.Admin.PostAsync("/api/v1/cache/invalidations", new StringContent("{not json", System.Text.Encoding.UTF8, "application/json"));
        var text = await bad.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
        Assert.Contains("must start with", text, StringComparison.Ordinal);
        Assert.Contains("only as the last character", text, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.BadRequest, empty.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, garbage.StatusCode);
    }

    [Fact]
    public async Task PurgeCommand_InvalidatesThroughTheAdminApi()
    {
        var (origin, gw) = await StartAsync();
        await using var _ = origin;
        await using var __ = gw;
        await OriginHitsFor(origin, gw, "/docs/a", "/products/7");
        var token = File.ReadAllText(Path.Combine(gw.Host.DataDirectory, "admin.token")).Trim();
        var admin = gw.Host.AdminAddress!.ToString();

        var purge = await RempartProcess.RunAsync(gw.Directory, "purge", "/docs/*", "--tag", "product-7", "--admin", admin, "--token", token);
        var nothing = await RempartProcess.RunAsync(gw.Directory, "purge", "--admin", admin, "--token", token);

        Assert.Equal(0, purge.ExitCode);
        Assert.Contains("Purged 2 cached response(s)", purge.Stdout, StringComparison.Ordinal);
        Assert.Equal(2, await OriginHitsFor(origin, gw, "/docs/a", "/products/7"));
        Assert.NotEqual(0, nothing.ExitCode);
    }
}
