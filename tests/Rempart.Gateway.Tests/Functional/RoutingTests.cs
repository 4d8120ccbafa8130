using System.Net;
using Rempart.Gateway.Tests.Infrastructure;

namespace Rempart.Gateway.Tests.Functional;

public class RoutingTests
{
    [Fact]
    public async Task Routes_MatchHostAndPath_FirstMatchWins()
    {
        await using var api = await TestOrigin.StartAsync("api");
        await using var shop = await TestOrigin.StartAsync("shop");
        await using var fallback = await TestOrigin.StartAsync("fallback");
        await using var gw = await TestGateway.StartAsync($$"""
            origins:
              api: { targets: ["{{api.Url}}"] }
              shop: { targets: ["{{shop.Url}}"] }
              fallback: { targets: ["{{fallback.Url}}"] }
            routes:
              - name: login-exact
                match: { hosts: ["example.com"], exact_paths: ["/login"] }
                origin: shop
              - name: api
                match: { hosts: ["example.com", "*.example.com"], paths: ["/api"] }
                origin: api
              - name: shop-sub
                match: { hosts: ["*.shop.test"], paths: ["/"] }
                origin: shop
              - name: rest
                match: { hosts: ["*"], paths: ["/"] }
                origin: fallback
            """);

        Assert.Equal("shop", await OriginOf(gw, "example.com", "/login"));
        Assert.Equal("fallback", await OriginOf(gw, "example.com", "/login/x"));
        Assert.Equal("api", await OriginOf(gw, "example.com", "/api"));
        Assert.Equal("api", await OriginOf(gw, "v2.example.com", "/api/users?id=1"));
        Assert.Equal("fallback", await OriginOf(gw, "example.com", "/apix"));
        Assert.Equal("shop", await OriginOf(gw, "eu.shop.test", "/cart"));
        Assert.Equal("fallback", await OriginOf(gw, "shop.test", "/cart"));
        Assert.Equal("/api/users?id=1", api.Received.Last().PathAndQuery);
    }

    [Fact]
    public async Task NoRoute_Gets404PageWithRequestId()
    {
        await using var origin = await TestOrigin.StartAsync();
        await using var gw = await TestGateway.StartAsync($$"""
            origins: { app: { targets: ["{{origin.Url}}"] } }
            routes:
              - match: { hosts: ["only.example"], paths: ["/"] }
                origin: app
            """);

        var response = await gw.Client.GetAsync("/");
        var body = await response.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        var id = response.Headers.GetValues("X-Request-Id").Single();
        Assert.Contains(id, body, StringComparison.Ordinal);
        Assert.Contains("Rempart", body, StringComparison.Ordinal);
        Assert.Equal(0, origin.Hits);
    }

    private static async Task<string> OriginOf(TestGateway gw, string host, string path)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, path);
        request.Headers.Host = host;
        using var response = await gw.Client.SendAsync(request);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return response.Headers.GetValues("X-Origin").Single();
    }
}
