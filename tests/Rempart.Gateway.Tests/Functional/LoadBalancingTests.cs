using Microsoft.AspNetCore.Http;
using Rempart.Gateway.Tests.Infrastructure;

namespace Rempart.Gateway.Tests.Functional;

public class LoadBalancingTests
{
    [Fact]
    public async Task RoundRobin_SpreadsEvenly()
    {
        await using var a = await TestOrigin.StartAsync("a");
        await using var b = await TestOrigin.StartAsync("b");
        await using var c = await TestOrigin.StartAsync("c");
        await using var gw = await TestGateway.StartAsync(Config("round_robin", a, b, c));

        for (var i = 0; i < 30; i++)
        {
            (await gw.Client.GetAsync("/")).EnsureSuccessStatusCode();
        }

        Assert.Equal([10, 10, 10], new[] { a.Hits, b.Hits, c.Hits });
    }

    [Fact]
    public async Task LeastRequests_AvoidsTheBusyTarget()
    {
        await using var slow = await TestOrigin.StartAsync("slow");
        await using var fast = await TestOrigin.StartAsync("fast");
        var release = new TaskCompletionSource();
        slow.Handler = async ctx =>
        {
            await release.Task;
            await ctx.Response.WriteAsync("slow");
        };
        await using var gw = await TestGateway.StartAsync(Config("least_requests", slow, fast));

        // With nothing in flight the tie goes to the first target, which then hangs.
        var hanging = gw.Client.GetAsync("/");
        await Eventually.TrueAsync(() => slow.Hits == 1, "the first request reached the first target");
        for (var i = 0; i < 10; i++)
        {
            // Distinct URLs: identical concurrent GETs would wait on the hanging one (cache coalescing).
            (await gw.Client.GetAsync($"/?n={i}")).EnsureSuccessStatusCode();
        }

        release.SetResult();
        (await hanging).EnsureSuccessStatusCode();
        Assert.Equal(1, slow.Hits);
        Assert.Equal(10, fast.Hits);
    }

    [Fact]
    public async Task PowerOfTwoChoices_UsesEveryTarget()
    {
        await using var a = await TestOrigin.StartAsync("a");
        await using var b = await TestOrigin.StartAsync("b");
        await using var c = await TestOrigin.StartAsync("c");
        await using var gw = await TestGateway.StartAsync(Config("power_of_two_choices", a, b, c));

        for (var i = 0; i < 60; i++)
        {
            (await gw.Client.GetAsync("/")).EnsureSuccessStatusCode();
        }

        Assert.Equal(60, a.Hits + b.Hits + c.Hits);
        Assert.All(new[] { a, b, c }, o => Assert.True(o.Hits > 0, $"{o.Name} got no request"));
    }

    private static string Config(string policy, params TestOrigin[] targets) => $$"""
        origins:
          app:
            targets: [{{string.Join(", ", targets.Select(t => $"\"{t.Url}\""))}}]
            load_balancing: {{policy}}
        routes:
          - match: { paths: ["/"] }
            origin: app
        """;
}
