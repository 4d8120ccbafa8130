using System.Net;
using System.Net.Sockets;
using System.Text.Json;
using Microsoft.AspNetCore.Http;
using Rempart.Gateway.Tests.Infrastructure;

namespace Rempart.Gateway.Tests.Functional;

public class HealthAndFailoverTests
{
    [Fact]
    public async Task ActiveHealthCheck_TakesOutAndBringsBackATarget()
    {
        await using var a = await TestOrigin.StartAsync("a");
        await using var b = await TestOrigin.StartAsync("b");
        await using var gw = await TestGateway.StartAsync($$"""
            origins:
              app:
                targets: ["{{a.Url}}", "{{b.Url}}"]
                health_check:
                  active: { path: /healthz, interval: 100ms, timeout: 1s, healthy_threshold: 2, unhealthy_threshold: 2 }
            routes:
              - match: { paths: ["/"] }
                origin: app
            """);

        b.HealthStatus = 500;
        await Eventually.TrueAsync(async () => !(await TargetHealth(gw))[b.Url + "/"], "b is marked unhealthy");
        var before = b.Hits;
        for (var i = 0; i < 10; i++)
        {
            (await gw.Client.GetAsync("/")).EnsureSuccessStatusCode();
        }

        Assert.Equal(before, b.Hits);
        Assert.Contains($"rempart_origin_target_healthy{{origin=\"app\",target=\"{b.Url}/\"}} 0", await gw.MetricsAsync(), StringComparison.Ordinal);

        b.HealthStatus = 200;
        await Eventually.TrueAsync(async () => (await TargetHealth(gw))[b.Url + "/"], "b is healthy again");
        for (var i = 0; i < 10; i++)
        {
            (await gw.Client.GetAsync("/")).EnsureSuccessStatusCode();
        }

        Assert.True(b.Hits > before);
    }

    [Fact]
    public async Task PassiveHealthCheck_EjectsATargetThatRefusesConnections()
    {
        await using var live = await TestOrigin.StartAsync("live");
        var dead = TestPorts.DeadAddress();
        await using var gw = await TestGateway.StartAsync($$"""
            origins:
              app:
                targets: ["{{dead}}", "{{live.Url}}"]
                retry: false
                health_check: { passive: { consecutive_failures: 2, reactivation_period: 10m } }
            routes:
              - match: { paths: ["/"] }
                origin: app
            """);

        var statuses = new List<HttpStatusCode>();
        for (var i = 0; i < 12; i++)
        {
            statuses.Add((await gw.Client.GetAsync("/")).StatusCode);
        }

        // Round robin sends every other request to the dead target until two failures eject it.
        Assert.Equal(2, statuses.Count(s => s == HttpStatusCode.BadGateway));
        Assert.All(statuses.Skip(4), s => Assert.Equal(HttpStatusCode.OK, s));
        Assert.False((await TargetHealth(gw))[dead + "/"]);
    }

    [Fact]
    public async Task Retry_SendsAnIdempotentRequestToAnotherTarget()
    {
        await using var live = await TestOrigin.StartAsync("live");
        var dead = TestPorts.DeadAddress();
        await using var gw = await TestGateway.StartAsync($$"""
            origins:
              app:
                targets: ["{{dead}}", "{{live.Url}}"]
                health_check: { passive: { enabled: false } }
            routes:
              - match: { paths: ["/"] }
                origin: app
            """);

        for (var i = 0; i < 6; i++)
        {
            Assert.Equal(HttpStatusCode.OK, (await gw.Client.GetAsync("/")).StatusCode);
        }

        var retries = System.Text.RegularExpressions.Regex.Match(await gw.MetricsAsync(), "rempart_origin_retries_total\\{origin=\"app\"\\} (\\d+)");
        Assert.True(retries.Success && int.Parse(retries.Groups[1].Value) >= 3, "at least every other GET met the dead target and was retried");

        // A POST with a body is not retried: it may have reached the origin.
        var posts = new List<HttpStatusCode>();
        for (var i = 0; i < 4; i++)
        {
            posts.Add((await gw.Client.PostAsync("/", new StringContent("x"))).StatusCode);
        }

        Assert.Contains(HttpStatusCode.BadGateway, posts);
    }

    [Fact]
    public async Task OriginGroup_FailsOverOnStatus_ForGetOnly()
    {
        await using var primary = await TestOrigin.StartAsync("primary");
        await using var secondary = await TestOrigin.StartAsync("secondary");
        primary.Handler = ctx =>
        {
            ctx.Response.StatusCode = 503;
            return ctx.Response.WriteAsync("primary is sick");
        };
        await using var gw = await TestGateway.StartAsync(GroupConfig(primary.Url, secondary.Url));

        var get = await gw.Client.GetAsync("/page");
        Assert.Equal(HttpStatusCode.OK, get.StatusCode);
        Assert.Equal("hello from secondary", await get.Content.ReadAsStringAsync());

        var post = await gw.Client.PostAsync("/form", new StringContent("a=1"));
        Assert.Equal(HttpStatusCode.ServiceUnavailable, post.StatusCode);
        Assert.Equal("primary is sick", await post.Content.ReadAsStringAsync());
        Assert.Contains("rempart_origin_failovers_total{group=\"site\"} 1", await gw.MetricsAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task OriginGroup_FailsOverWhenPrimaryIsDownOrUnhealthy()
    {
        await using var secondary = await TestOrigin.StartAsync("secondary");
        await using var gw = await TestGateway.StartAsync(GroupConfig(TestPorts.DeadAddress(), secondary.Url));

        for (var i = 0; i < 5; i++)
        {
            var response = await gw.Client.GetAsync("/");
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            Assert.Equal("secondary", response.Headers.GetValues("X-Origin").Single());
        }
    }

    [Fact]
    public async Task OriginDown_Gets502_NoHealthyTarget_Gets503()
    {
        var dead = TestPorts.DeadAddress();
        await using var gw = await TestGateway.StartAsync($$"""
            origins:
              app:
                targets: ["{{dead}}"]
                health_check: { passive: { consecutive_failures: 1, reactivation_period: 10m } }
            routes:
              - match: { paths: ["/"] }
                origin: app
            """);

        var first = await gw.Client.GetAsync("/");
        Assert.Equal(HttpStatusCode.BadGateway, first.StatusCode);
        var body = await first.Content.ReadAsStringAsync();
        Assert.Contains(first.Headers.GetValues("X-Request-Id").Single(), body, StringComparison.Ordinal);
        Assert.DoesNotContain(dead.Split(':').Last(), body, StringComparison.Ordinal); // the origin's port never leaks

        using var json = new HttpRequestMessage(HttpMethod.Get, "/");
        json.Headers.Accept.ParseAdd("application/json");
        var second = await gw.Client.SendAsync(json);
        Assert.Equal(HttpStatusCode.ServiceUnavailable, second.StatusCode);
        using var doc = JsonDocument.Parse(await second.Content.ReadAsStringAsync());
        Assert.Equal(503, doc.RootElement.GetProperty("status").GetInt32());
        Assert.Equal(second.Headers.GetValues("X-Request-Id").Single(), doc.RootElement.GetProperty("request_id").GetString());
    }

    [Fact]
    public async Task SlowOrigin_Gets504()
    {
        await using var slow = await TestOrigin.StartAsync("slow");
        slow.Handler = async ctx =>
        {
            await Task.Delay(5000, ctx.RequestAborted);
            await ctx.Response.WriteAsync("late");
        };
        await using var gw = await TestGateway.StartAsync($$"""
            origins:
              app: { targets: ["{{slow.Url}}"], response_timeout: 300ms }
            routes:
              - match: { paths: ["/"] }
                origin: app
            """);

        var response = await gw.Client.GetAsync("/");

        Assert.Equal(HttpStatusCode.GatewayTimeout, response.StatusCode);
        Assert.Contains("rempart_origin_errors_total{origin=\"app\",kind=\"timeout\"} 1", await gw.MetricsAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task OriginResettingMidBody_AbortsThatResponse_AndTheGatewayKeepsServing()
    {
        await using var rude = await TestOrigin.StartAsync("rude");
        rude.Handler = async ctx =>
        {
            if (ctx.Request.Path == "/reset")
            {
                ctx.Response.ContentLength = 1_000_000;
                await ctx.Response.Body.WriteAsync(new byte[64_000]);
                await ctx.Response.Body.FlushAsync();
                await Task.Delay(300); // the gateway has relayed the headers and part of the body by now
                ctx.Abort();
                return;
            }

            await ctx.Response.WriteAsync("fine");
        };
        await using var gw = await TestGateway.StartAsync($$"""
            origins:
              app: { targets: ["{{rude.Url}}"], health_check: { passive: { enabled: false } } }
            routes:
              - match: { paths: ["/"] }
                origin: app
            """);

        // The answer had started, so the client must see it fail too: never a short 200 taken for whole.
        await Assert.ThrowsAnyAsync<HttpRequestException>(async () =>
        {
            var r = await gw.Client.GetAsync("/reset");
            await r.Content.ReadAsByteArrayAsync();
        });

        Assert.Equal("fine", await gw.Client.GetStringAsync("/ok"));
        // The client can see the abort before the gateway has finished recording the exchange.
        await Eventually.TrueAsync(async () => (await gw.MetricsAsync()).Contains("rempart_origin_errors_total{origin=\"app\",kind=\"reset\"} 1", StringComparison.Ordinal), "the reset is counted");
    }

    private static string GroupConfig(string primary, string secondary) => $$"""
        origins:
          primary-pool: { targets: ["{{primary}}"], health_check: { passive: { enabled: false } } }
          secondary-pool: { targets: ["{{secondary}}"] }
          site:
            failover: { primary: primary-pool, secondary: secondary-pool, statuses: [500, 502, 503, 504] }
        routes:
          - match: { paths: ["/"] }
            origin: site
        """;


    private static async Task<Dictionary<string, bool>> TargetHealth(TestGateway gw)
    {
        using var doc = JsonDocument.Parse(await gw.Admin.GetStringAsync("/api/v1/origins"));
        return doc.RootElement.EnumerateArray()
            .Where(o => o.GetProperty("kind").GetString() == "pool")
            .SelectMany(o => o.GetProperty("targets").EnumerateArray())
            .ToDictionary(t => t.GetProperty("url").GetString()!, t => t.GetProperty("healthy").GetBoolean());
    }
}
