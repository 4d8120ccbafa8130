using System.Net;
using Microsoft.AspNetCore.Http;
using Rempart.Gateway.Tests.Infrastructure;

namespace Rempart.Gateway.Tests.Shield;

/// <summary>Budgets through a running gateway against a real origin that counts its concurrent requests.</summary>
public class OriginProtectionTests
{
    private static async Task<(TestOrigin Origin, Func<int> MaxSeen)> CountingOriginAsync()
    {
        var origin = await TestOrigin.StartAsync();
        var current = 0;
        var max = 0;
        origin.Handler = async context =>
        {
            var now = Interlocked.Increment(ref current);
            int seen;
            while ((seen = Volatile.Read(ref max)) < now && Interlocked.CompareExchange(ref max, now, seen) != seen)
            {
            }

            await Task.Delay(150);
            Interlocked.Decrement(ref current);
            await context.Response.WriteAsync("ok");
        };
        return (origin, () => Volatile.Read(ref max));
    }

    private static async Task<List<HttpResponseMessage>> BurstAsync(HttpClient client, int count, Func<int, string> path)
    {
        var tasks = Enumerable.Range(0, count).Select(i => client.GetAsync(path(i))).ToList();
        return [.. await Task.WhenAll(tasks)];
    }

    [Fact]
    public async Task RouteBudget_OriginNeverSeesMoreThanItsBudget_ExtraWaitThenGet503WithRetryAfter()
    {
        var (origin, maxSeen) = await CountingOriginAsync();
        await using var _ = origin;
        await using var gateway = await TestGateway.StartAsync($$"""
            origins:
              app: { targets: ["{{origin.Url}}"] }
            routes:
              - match: { paths: ["/"] }
                origin: app
                web_acl: none
                budget: { max_concurrent: 3, queue_size: 6, queue_timeout: 20s }
            shield:
              origin_protection: { retry_after: 7s }
            """);

        var responses = await BurstAsync(gateway.Client, 24, _ => "/");

        Assert.InRange(maxSeen(), 1, 3);
        var ok = responses.Count(r => r.StatusCode == HttpStatusCode.OK);
        var busy = responses.Where(r => r.StatusCode == HttpStatusCode.ServiceUnavailable).ToList();
        Assert.Equal(24, ok + busy.Count);
        Assert.True(ok >= 3 + 6 - 3, $"the queue let waiters through ({ok} ok)");
        Assert.NotEmpty(busy);
        Assert.All(busy, r => Assert.Equal("7", r.Headers.GetValues("Retry-After").Single()));
        Assert.Equal(ok, origin.Hits);
        var metrics = await gateway.MetricsAsync();
        Assert.Contains("rempart_shield_budget_rejected_total{budget=\"route:route-0\",reason=\"queue_full\"}", metrics, StringComparison.Ordinal);
        Assert.Contains("rempart_shield_budget_admitted_total{budget=\"route:route-0\",how=\"queued\"}", metrics, StringComparison.Ordinal);
    }

    [Fact]
    public async Task OriginBudget_IsShared_ByEveryRouteToTheOrigin()
    {
        var (origin, maxSeen) = await CountingOriginAsync();
        await using var _ = origin;
        await using var gateway = await TestGateway.StartAsync($$"""
            origins:
              app:
                targets: ["{{origin.Url}}"]
                budget: { max_concurrent: 2, queue_size: 100, queue_timeout: 30s }
            routes:
              - match: { paths: ["/a"] }
                origin: app
                web_acl: none
              - match: { paths: ["/"] }
                origin: app
                web_acl: none
            """);

        var responses = await BurstAsync(gateway.Client, 16, i => i % 2 == 0 ? "/a" : "/b");

        Assert.All(responses, r => Assert.Equal(HttpStatusCode.OK, r.StatusCode));
        Assert.InRange(maxSeen(), 1, 2);
        Assert.Equal(16, origin.Hits);
    }

    [Fact]
    public async Task WithoutBudgets_NothingIsQueued()
    {
        var (origin, maxSeen) = await CountingOriginAsync();
        await using var _ = origin;
        await using var gateway = await TestGateway.StartAsync($$"""
            origins:
              app: { targets: ["{{origin.Url}}"] }
            routes:
              - match: { paths: ["/"] }
                origin: app
                web_acl: none
            """);

        var responses = await BurstAsync(gateway.Client, 8, _ => "/");

        Assert.All(responses, r => Assert.Equal(HttpStatusCode.OK, r.StatusCode));
        Assert.True(maxSeen() > 2, $"the same burst reaches the origin concurrently without a budget ({maxSeen()})");
    }
}
