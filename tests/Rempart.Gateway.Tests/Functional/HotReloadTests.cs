using System.Net;
using System.Text.Json;
using Rempart.Gateway.Tests.Infrastructure;

namespace Rempart.Gateway.Tests.Functional;

public class HotReloadTests
{
    [Fact]
    public async Task ValidChange_IsSwappedIn_InvalidChange_KeepsTheLastGoodConfig()
    {
        await using var blue = await TestOrigin.StartAsync("blue");
        await using var green = await TestOrigin.StartAsync("green");
        await using var gw = await TestGateway.StartAsync(Config(blue));
        Assert.Equal("hello from blue", await gw.Client.GetStringAsync("/"));

        await gw.RewriteConfigAsync(Config(green));
        await Eventually.TrueAsync(async () => await gw.Client.GetStringAsync("/") == "hello from green", "the new origin serves");
        Assert.Equal(2, gw.Host.State.Current.Generation);

        await gw.RewriteConfigAsync(Config(blue).Replace("origin: app", "origin: missing", StringComparison.Ordinal));
        await Eventually.TrueAsync(() => !gw.Host.State.LastReload.Ok, "the bad reload is recorded");
        Assert.Equal("hello from green", await gw.Client.GetStringAsync("/"));

        using var status = JsonDocument.Parse(await gw.Admin.GetStringAsync("/api/v1/status"));
        var lastReload = status.RootElement.GetProperty("last_reload");
        Assert.False(lastReload.GetProperty("ok").GetBoolean());
        Assert.Contains("origin 'missing' is not defined", lastReload.GetProperty("errors")[0].GetString(), StringComparison.Ordinal);
        var metrics = await gw.MetricsAsync();
        Assert.Contains("rempart_config_reloads_total{result=\"failed\"} 1", metrics, StringComparison.Ordinal);
        Assert.Contains("rempart_config_reloads_total{result=\"ok\"} 1", metrics, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ReloadDuringLoad_LosesNoRequest()
    {
        await using var blue = await TestOrigin.StartAsync("blue");
        await using var green = await TestOrigin.StartAsync("green");
        await using var gw = await TestGateway.StartAsync(Config(blue));

        using var cts = new CancellationTokenSource();
        var failures = 0;
        var done = 0;
        var clients = Enumerable.Range(0, 8).Select(_ => Task.Run(async () =>
        {
            while (!cts.IsCancellationRequested)
            {
                var response = await gw.Client.GetAsync("/");
                if (response.StatusCode != HttpStatusCode.OK)
                {
                    Interlocked.Increment(ref failures);
                }

                Interlocked.Increment(ref done);
            }
        })).ToArray();

        for (var i = 0; i < 6; i++)
        {
            var generation = gw.Host.State.Current.Generation;
            await gw.RewriteConfigAsync(Config(i % 2 == 0 ? green : blue));
            await Eventually.TrueAsync(() => gw.Host.State.Current.Generation > generation, "the reload is applied");
        }

        // Enough traffic to have crossed the reloads, however slow the machine is (no timing assumption).
        await Eventually.TrueAsync(() => Volatile.Read(ref done) > 100, "the clients made more than 100 requests", 60_000);
        await cts.CancelAsync();
        await Task.WhenAll(clients);
        Assert.Equal(0, failures);
        Assert.True(blue.Hits > 0 && green.Hits > 0);
    }

    // Eight tight loops from one address are a single-source flood to Shield's detector; it runs
    // and counts here, but must not answer them (this test is about reloads).
    private static string Config(TestOrigin origin) => $$"""
        origins: { app: { targets: ["{{origin.Url}}"] } }
        routes:
          - match: { paths: ["/"] }
            origin: app
        shield: { mitigation: { action: count } }
        """;
}
