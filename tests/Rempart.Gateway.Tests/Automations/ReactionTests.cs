using System.Diagnostics;
using System.Net;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Time.Testing;
using Rempart.Gateway.Tests.Infrastructure;
using Xunit.Abstractions;

namespace Rempart.Gateway.Tests.Automations;

/// <summary>
/// The reaction test: for each automation, a client from its own 127.0.0.x address triggers it
/// through a running gateway; the next requests are refused within a bounded number of attempts,
/// a bystander on another address is never refused, the decision survives a restart (same
/// data_dir) and expires when its TTL passes (virtual time). Reaction times are printed, never asserted.
/// </summary>
public sealed class ReactionTests(ITestOutputHelper output)
{
    private const int MaxProbes = 2000; // with 5 ms between probes: a bound of 10 s or more, only reached when the test fails

    private static string Config(string origin, string automations) => $$"""
        origins: { app: { targets: ["{{origin}}"] } }
        routes:
          - match: { paths: ["/"] }
            origin: app
            web_acl: none
        automations:
          allow_list: []
        {{automations}}
        """;

    private static async Task<TestOrigin> OriginAsync()
    {
        var origin = await TestOrigin.StartAsync("app");
        origin.Handler = context =>
        {
            context.Response.StatusCode = context.Request.Path.StartsWithSegments("/missing") ? StatusCodes.Status404NotFound : StatusCodes.Status200OK;
            return context.Response.WriteAsync("app");
        };
        return origin;
    }

    [Fact]
    public Task Scanners_ErrorBurst_BansTheScannerOnly() => ReactAsync(
        "scanners",
        "  scanners: { errors_per_minute: 20, ban_for: 240m }\n  http_flood: { enabled: false }",
        "127.0.0.21",
        async client =>
        {
            for (var i = 0; i < 20; i++)
            {
                Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync($"/missing/{i}.php")).StatusCode);
            }

            return await client.GetAsync("/missing/last.php"); // the 21st error in the minute
        },
        TimeSpan.FromMinutes(240));

    [Fact]
    public Task HttpFlood_RequestBurst_BansTheFlooderOnly() => ReactAsync(
        "http_flood",
        "  http_flood: { requests: 50, window: 5m, ban_for: 240m }",
        "127.0.0.22",
        async client =>
        {
            for (var i = 0; i < 50; i++)
            {
                Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/")).StatusCode);
            }

            return await client.GetAsync("/"); // request 51 in the window
        },
        TimeSpan.FromMinutes(240));

    [Fact]
    public Task Honeypot_TrapFetch_BansTheBotOnly() => ReactAsync(
        "honeypot",
        "  honeypot: { paths: [\"/.rempart-trap/\"], ban_for: 7d }",
        "127.0.0.23",
        async client =>
        {
            var robots = await (await client.GetAsync("/robots.txt")).Content.ReadAsStringAsync();
            Assert.Contains("Disallow: /.rempart-trap/", robots, StringComparison.Ordinal);
            return await client.GetAsync("/.rempart-trap/wp-login.php");
        },
        TimeSpan.FromDays(7));

    private async Task ReactAsync(string automation, string automations, string attackerIp, Func<HttpClient, Task<HttpResponseMessage>> trigger, TimeSpan ttl)
    {
        var time = new FakeTimeProvider(new DateTimeOffset(2026, 6, 1, 8, 0, 0, TimeSpan.Zero));
        await using var origin = await OriginAsync();
        var yaml = Config(origin.Url, automations);
        var gw = await TestGateway.StartAsync(yaml, time);
        try
        {
            using var attacker = SourceAddressClient.Create(gw.Address, attackerIp);
            using var bystander = SourceAddressClient.Create(gw.Address, "127.0.0.99");
            Assert.Equal(HttpStatusCode.OK, (await bystander.GetAsync("/")).StatusCode);

            var clock = Stopwatch.StartNew();
            using (await trigger(attacker))
            {
            }

            var probes = 0;
            HttpStatusCode status;
            do
            {
                probes++;
                status = (await attacker.GetAsync("/")).StatusCode;
                Assert.Equal(HttpStatusCode.OK, (await bystander.GetAsync("/")).StatusCode);
                if (status != HttpStatusCode.Forbidden)
                {
                    await Task.Delay(5);
                }
            }
            while (status != HttpStatusCode.Forbidden && probes < MaxProbes);

            var reaction = clock.Elapsed;
            Assert.True(status == HttpStatusCode.Forbidden, $"{automation}: still served after {probes} requests; {gw.Host.Decisions.Index.Count} decision(s); metrics: " + string.Join(" | ", (await gw.MetricsAsync()).Split('\n').Where(l => l.Contains("automation") || l.Contains("decisions") || l.Contains("dropped"))));
            output.WriteLine($"reaction {automation}: first refused request {reaction.TotalMilliseconds:F1} ms after the triggering request was sent ({probes} request(s) after it)");

            var decision = Assert.Single(gw.Host.Decisions.Index.All);
            Assert.Equal(automation, decision.Record.Source);
            Assert.Equal(attackerIp, decision.Record.Scope);

            // Restart on the same data_dir: the ban is still there, the bystander still served.
            await gw.StopKeepingStateAsync();
            gw = await TestGateway.StartInAsync(gw.Directory, yaml, time);
            using var attacker2 = SourceAddressClient.Create(gw.Address, attackerIp);
            using var bystander2 = SourceAddressClient.Create(gw.Address, "127.0.0.99");
            Assert.Equal(HttpStatusCode.Forbidden, (await attacker2.GetAsync("/")).StatusCode);
            Assert.Equal(HttpStatusCode.OK, (await bystander2.GetAsync("/")).StatusCode);

            // Just before the TTL: refused; just after: served again.
            time.Advance(ttl - TimeSpan.FromSeconds(1));
            Assert.Equal(HttpStatusCode.Forbidden, (await attacker2.GetAsync("/")).StatusCode);
            time.Advance(TimeSpan.FromSeconds(2));
            var after = await attacker2.GetAsync("/");
            Assert.True(after.StatusCode == HttpStatusCode.OK, $"{after.StatusCode} {await after.Content.ReadAsStringAsync()} decisions: " + string.Join("; ", gw.Host.Decisions.Index.All.Select(d => $"{d.Record.Scope} {d.Record.Source} {d.Record.CreatedAt:O} {d.Record.ExpiresAt:O}")));
        }
        finally
        {
            await gw.DisposeAsync();
        }
    }
}
