using System.Net;
using System.Text.Json;
using Microsoft.Extensions.Time.Testing;
using Rempart.Gateway.Events;
using Rempart.Gateway.Tests.Infrastructure;
using Rempart.Gateway.Waf.Challenge;

namespace Rempart.Gateway.Tests.Shield;

/// <summary>Detection and mitigation through a running gateway and a real origin; windows on virtual time, clients from distinct 127.0.0.x addresses.</summary>
public sealed class AttackShieldFunctionalTests
{
    private static string Config(string origin, string action = "block", string? webhook = null) => $$"""
        {{(webhook is null ? "" : $"notifications:\n  retry: {{ attempts: 2, initial_backoff: 20ms, max_backoff: 50ms }}\n  channels:\n    ops:\n      kinds: [attack_started, attack_ended, mitigation_changed]\n      webhook: {{ url: \"{webhook}\" }}")}}
        origins:
          app: { targets: ["{{origin}}"] }
        routes:
          - name: app
            match: { hosts: ["*"], paths: ["/"] }
            origin: app
            web_acl: none
        shield:
          detection: { rate_floor: 20, trigger_seconds: 2, quiet_period: 3s, baseline_window: 1m }
          mitigation: { action: {{action}} }
        """;

    [Fact]
    public async Task HeavySource_IsDetected_Blocked_Recorded_AndReleasedWhenItStops()
    {
        await using var origin = await TestOrigin.StartAsync();
        await using var receiver = await TestOrigin.StartAsync("receiver");
        var notified = new System.Collections.Concurrent.ConcurrentQueue<string>();
        receiver.Handler = async context =>
        {
            using var reader = new StreamReader(context.Request.Body);
            notified.Enqueue(await reader.ReadToEndAsync());
            context.Response.StatusCode = 204;
        };
        var time = new FakeTimeProvider(DateTimeOffset.UtcNow);
        await using var gateway = await TestGateway.StartAsync(Config(origin.Url, webhook: receiver.Url + "/hook"), time);
        using var events = gateway.Host.Events.Subscribe("test", e => e is AttackStartedEvent or AttackEndedEvent);
        var legit = Enumerable.Range(2, 3).Select(i => SourceAddressClient.Create(gateway.Address, $"127.0.0.{i}")).ToList();
        using var attacker = SourceAddressClient.Create(gateway.Address, "127.0.0.50");

        async Task Second(int attackRequests)
        {
            var sends = legit.SelectMany(c => new[] { c.GetAsync("/page"), c.GetAsync("/page") }).ToList();
            sends.AddRange(Enumerable.Range(0, attackRequests).Select(i => attacker.GetAsync($"/page?i={i}")));
            foreach (var r in await Task.WhenAll(sends))
            {
                r.Dispose();
            }

            time.Advance(TimeSpan.FromSeconds(1));
        }

        for (var s = 0; s < 5; s++)
        {
            await Second(0);
        }

        await Second(60);
        await Second(60);

        var started = (AttackStartedEvent)await events.Reader.ReadAsync();
        Assert.Equal("app", started.Attack.Route);
        Assert.Contains("request_flood_few_sources", started.Attack.Vectors);
        Assert.Equal(["127.0.0.50"], started.Attack.Mitigations.Single(m => m.Applied).Values);

        // Enforced: the attacker gets 403 from the gateway, the legitimate clients still reach the origin.
        var hitsBefore = origin.Hits;
        using (var blocked = await attacker.GetAsync("/page"))
        {
            Assert.Equal(HttpStatusCode.Forbidden, blocked.StatusCode);
        }

        Assert.Equal(hitsBefore, origin.Hits);
        foreach (var c in legit)
        {
            using var ok = await c.GetAsync("/page");
            Assert.Equal(HttpStatusCode.OK, ok.StatusCode);
        }

        var open = JsonDocument.Parse(await gateway.Admin.GetStringAsync("/api/v1/attacks")).RootElement;
        Assert.Equal(started.Attack.Id, open[0].GetProperty("id").GetString());
        Assert.Equal(JsonValueKind.Null, open[0].GetProperty("ended_at").ValueKind);
        Assert.Contains("rempart_ddos_detected{route=\"app\"} 1", await gateway.MetricsAsync());

        // The attacker stops: after the quiet period the event closes and the block is lifted.
        for (var s = 0; s < 4; s++)
        {
            await Second(0);
        }

        var ended = (AttackEndedEvent)await events.Reader.ReadAsync();
        Assert.Equal(started.Attack.Id, ended.Attack.Id);
        Assert.True(ended.Attack.Dropped >= 1);
        using (var released = await attacker.GetAsync("/page"))
        {
            Assert.Equal(HttpStatusCode.OK, released.StatusCode);
        }

        await Eventually.TrueAsync(async () =>
        {
            var stored = JsonDocument.Parse(await gateway.Admin.GetStringAsync($"/api/v1/attacks/{ended.Attack.Id}")).RootElement;
            return stored.GetProperty("ended_at").ValueKind == JsonValueKind.String;
        }, "the ended attack is stored");
        var detail = JsonDocument.Parse(await gateway.Admin.GetStringAsync($"/api/v1/attacks/{ended.Attack.Id}")).RootElement;
        Assert.Equal("127.0.0.50", detail.GetProperty("top_contributors").GetProperty("ips")[0].GetProperty("value").GetString());
        Assert.Equal("127.0.0.0/24", detail.GetProperty("top_contributors").GetProperty("prefixes")[0].GetProperty("value").GetString());
        var metrics = await gateway.MetricsAsync();
        Assert.Contains("rempart_ddos_detected{route=\"app\"} 0", metrics);
        Assert.Contains("rempart_ddos_attacks_total{vector=\"request_flood_few_sources\"} 1", metrics);
        Assert.Matches("rempart_ddos_requests_total\\{route=\"app\",outcome=\"dropped\"\\} [1-9]", metrics);

        // Operators were told, through the notification service, at a real HTTP receiver.
        await Eventually.TrueAsync(() => notified.Count >= 2, "attack_started and attack_ended reach the webhook");
        var kinds = notified.Select(b => JsonDocument.Parse(b).RootElement.GetProperty("kind").GetString()).ToList();
        Assert.Equal(["attack_started", "attack_ended"], kinds.Where(k => k != "mitigation_changed"));
        Assert.Contains(started.Attack.Id, notified.First());

        using var missing = await gateway.Admin.GetAsync("/api/v1/attacks/nope");
        Assert.Equal(HttpStatusCode.NotFound, missing.StatusCode);
        foreach (var c in legit)
        {
            c.Dispose();
        }
    }

    [Fact]
    public async Task UnderAttackMode_Manual_ChallengesNewClients_ValidTokenPasses_AndIsAudited()
    {
        await using var origin = await TestOrigin.StartAsync();
        await using var gateway = await TestGateway.StartAsync(Config(origin.Url));
        using var client = SourceAddressClient.Create(gateway.Address, "127.0.0.7");

        using (var put = await gateway.Admin.PutAsync("/api/v1/shield/under-attack", new StringContent("""{"enabled": true, "route": "app"}""")))
        {
            Assert.Equal(HttpStatusCode.OK, put.StatusCode);
            var state = JsonDocument.Parse(await put.Content.ReadAsStringAsync()).RootElement;
            Assert.Equal("app", state.GetProperty("active")[0].GetString());
        }

        using var challenged = await client.GetAsync("/page");
        Assert.Equal(HttpStatusCode.Accepted, challenged.StatusCode);
        Assert.True(challenged.Headers.Contains("X-Rempart-Challenge"));
        var page = await challenged.Content.ReadAsStringAsync();
        var seed = System.Text.RegularExpressions.Regex.Match(page, "var seed=\"([^\"]+)\",bits=(\\d+)");
        var token = ChallengeService.Solve(seed.Groups[1].Value, int.Parse(seed.Groups[2].Value, System.Globalization.CultureInfo.InvariantCulture));
        using var request = new HttpRequestMessage(HttpMethod.Get, "/page");
        request.Headers.Add("Cookie", $"{ChallengeService.CookieName}={token}");
        using var passed = await client.SendAsync(request);
        Assert.Equal(HttpStatusCode.OK, passed.StatusCode);
        Assert.Equal(1, origin.Hits);

        using (var bad = await gateway.Admin.PutAsync("/api/v1/shield/under-attack", new StringContent("""{"enabled": true, "route": "nope"}""")))
        {
            Assert.Equal(HttpStatusCode.NotFound, bad.StatusCode);
        }

        using (var off = await gateway.Admin.PutAsync("/api/v1/shield/under-attack", new StringContent("""{"enabled": false, "route": "app"}""")))
        {
            Assert.Equal(HttpStatusCode.OK, off.StatusCode);
        }

        using var free = await client.GetAsync("/page");
        Assert.Equal(HttpStatusCode.OK, free.StatusCode);
        Assert.Contains(await gateway.Host.Store.ListAuditAsync(10), a => a.Action == "under_attack_on" && a.Detail == "app");
    }
}
