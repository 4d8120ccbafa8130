using Microsoft.Extensions.Time.Testing;
using Rempart.Gateway.Tests.Infrastructure;
using static Rempart.Gateway.Tests.Cache.CacheTestSupport;

namespace Rempart.Gateway.Tests.Cache;

/// <summary>The cache's own origin requests (stale-while-revalidate refreshes) spend the same origin budget as the clients' misses.</summary>
public class CacheOriginBudgetTests
{
    [Fact]
    public async Task BackgroundRefresh_TakesAnOriginBudgetSlot_AndIsSkippedWhileTheBudgetIsFull()
    {
        var time = new FakeTimeProvider(DateTimeOffset.UtcNow);
        await using var origin = await TestOrigin.StartAsync();
        var version = 1;
        var hold = new TaskCompletionSource();
        origin.Handler = async context =>
        {
            if (context.Request.Path == "/hold")
            {
                await hold.Task;
                await Answer("held", ("Cache-Control", "no-store"))(context);
                return;
            }

            await Answer($"v{version}", ("Cache-Control", "max-age=10, stale-while-revalidate=600"), ("Date", time.GetUtcNow().ToString("R")))(context);
        };
        await using var gw = await TestGateway.StartAsync($$"""
            origins:
              app:
                targets: ["{{origin.Url}}"]
                retry: false
                budget: { max_concurrent: 1, queue_size: 4, queue_timeout: 30s }
            routes:
              - match: { hosts: ["*"], paths: ["/"] }
                origin: app
                web_acl: none
            """, time);
        Assert.Equal("v1", await gw.Client.GetStringAsync("/swr"));
        time.Advance(TimeSpan.FromSeconds(30));
        version = 2;

        // A client's slow miss holds the origin's only slot: the stale hit is served, its refresh is refused.
        var held = gw.Client.GetStringAsync("/hold");
        await Eventually.TrueAsync(() => origin.Received.Any(r => r.PathAndQuery == "/hold"), "the slow request holds the budget");
        using (var stale = await gw.Client.GetAsync("/swr"))
        {
            Assert.Equal("v1", await stale.Content.ReadAsStringAsync());
            Assert.Contains("stale-while-revalidate", CacheStatus(stale));
        }

        await Eventually.TrueAsync(async () => (await gw.MetricsAsync()).Contains("rempart_cache_background_revalidations_total{result=\"budget_refused\"}", StringComparison.Ordinal),
            "the refused refresh is counted");
        var metrics = await gw.MetricsAsync();
        Assert.Contains("rempart_shield_budget_rejected_total{budget=\"origin:app\",reason=\"background\"}", metrics, StringComparison.Ordinal);
        Assert.Equal(1, origin.Received.Count(r => r.PathAndQuery == "/swr"));

        // Once the slot is free the next stale hit refreshes, through the budget.
        hold.SetResult();
        Assert.Equal("held", await held);
        Assert.Equal("v1", await gw.Client.GetStringAsync("/swr"));
        await Eventually.TrueAsync(async () => await gw.Client.GetStringAsync("/swr") == "v2", "the background refresh stored v2");
        Assert.Equal(2, origin.Received.Count(r => r.PathAndQuery == "/swr"));
        Assert.Contains("rempart_cache_background_revalidations_total{result=\"replaced\"}", await gw.MetricsAsync(), StringComparison.Ordinal);
    }
}
