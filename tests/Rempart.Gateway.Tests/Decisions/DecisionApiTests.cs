using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Extensions.Time.Testing;
using Rempart.Gateway.Decisions;
using Rempart.Gateway.Tests.Infrastructure;
using Rempart.Gateway.Waf.Challenge;

namespace Rempart.Gateway.Tests.Decisions;

/// <summary>Decisions through a running gateway: admin API, enforcement, audit, restart, expiry, refusals.</summary>
public class DecisionApiTests
{
    private static string Config(string origin, string extra = "") => $$"""
        origins: { app: { targets: ["{{origin}}"] } }
        routes:
          - match: { paths: ["/"] }
            origin: app
            web_acl: none
        {{(extra.Contains("automations") ? extra : extra + "\nautomations: { allow_list: [] }")}}
        """;

    private static async Task<JsonElement> Json(HttpResponseMessage response) =>
        JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;

    [Fact]
    public async Task Ban_ThroughAdminApi_RefusesThatClientOnly_IsListedAudited_AndUnbanLiftsIt()
    {
        await using var origin = await TestOrigin.StartAsync("app");
        await using var gw = await TestGateway.StartAsync(Config(origin.Url));
        using var banned = SourceAddressClient.Create(gw.Address, "127.0.0.2");
        using var other = SourceAddressClient.Create(gw.Address, "127.0.0.3");
        gw.Admin.DefaultRequestHeaders.Add("X-Rempart-Actor", "alice@ops");

        var add = await gw.Admin.PostAsJsonAsync("/api/v1/decisions", new { scope = "127.0.0.2", action = "ban", duration = "4h", reason = "probing /wp-admin" });
        Assert.Equal(HttpStatusCode.Created, add.StatusCode);
        var id = (await Json(add)).GetProperty("decision").GetProperty("id").GetString()!;

        var refused = await banned.GetAsync("/page");
        var body = await refused.Content.ReadAsStringAsync();
        Assert.Equal(HttpStatusCode.Forbidden, refused.StatusCode);
        Assert.Contains("Reference", body, StringComparison.Ordinal);
        Assert.Contains(refused.Headers.GetValues("X-Request-Id").Single(), body, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, (await other.GetAsync("/page")).StatusCode);
        Assert.Equal(1, origin.Hits);

        var list = await Json(await gw.Admin.GetAsync("/api/v1/decisions?source=operator"));
        Assert.Equal(1, list.GetProperty("total").GetInt32());
        Assert.Equal("127.0.0.2", list.GetProperty("items")[0].GetProperty("scope").GetString());
        Assert.Equal(0, (await Json(await gw.Admin.GetAsync("/api/v1/decisions?action=challenge"))).GetProperty("total").GetInt32());

        var unban = await gw.Admin.DeleteAsync("/api/v1/decisions?scope=127.0.0.2&reason=false%20positive");
        Assert.Equal(HttpStatusCode.OK, unban.StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await banned.GetAsync("/page")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await gw.Admin.DeleteAsync($"/api/v1/decisions/{id}")).StatusCode);

        var audit = (await Json(await gw.Admin.GetAsync("/api/v1/audit"))).EnumerateArray().ToList();
        Assert.Equal(["decision.remove", "decision.add"], audit.Take(2).Select(a => a.GetProperty("action").GetString()));
        Assert.All(audit.Take(2), a => Assert.Equal("admin-api:alice@ops", a.GetProperty("actor").GetString()));
        Assert.Equal("false positive", audit[0].GetProperty("detail").GetProperty("reason").GetString());
        Assert.Equal("probing /wp-admin", audit[1].GetProperty("detail").GetProperty("reason").GetString());

        var accessLog = Path.Combine(gw.Host.DataDirectory, "access.log");
        await Eventually.TrueAsync(() => File.Exists(accessLog) && File.ReadAllText(accessLog).Contains($"\"decision\":\"ban:{id}\"", StringComparison.Ordinal), "the access log names the decision");
        Assert.Contains("rempart_decisions_enforced_total{action=\"ban\"} 1", await gw.MetricsAsync(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("0.0.0.0/0", "too_broad")]
    [InlineData("::/0", "too_broad")]
    [InlineData("10.0.0.0/4", "too_broad")]
    [InlineData("192.0.2.10", "trusted_proxy")]
    [InlineData("192.0.2.0/24", "trusted_proxy")]
    [InlineData("198.51.100.1", "allow_listed")]
    [InlineData("not-an-ip", "invalid_scope")]
    public async Task Add_DangerousOrInvalidScope_IsRefusedWithAReason(string scope, string refusal)
    {
        await using var origin = await TestOrigin.StartAsync("app");
        await using var gw = await TestGateway.StartAsync(Config(origin.Url, """
            client_ip: { trusted_proxies: ["192.0.2.10"] }
            automations: { allow_list: ["198.51.100.0/24"] }
            """));

        var response = await gw.Admin.PostAsJsonAsync("/api/v1/decisions", new { scope, reason = "test" });
        var problem = await Json(response);
        Assert.Equal(HttpStatusCode.UnprocessableEntity, response.StatusCode);
        Assert.Equal(refusal, problem.GetProperty("refusal").GetString());
        Assert.False(string.IsNullOrWhiteSpace(problem.GetProperty("detail").GetString()));
        Assert.Equal(0, gw.Host.Decisions.Index.Count);
        await Eventually.TrueAsync(async () => (await gw.Admin.GetStringAsync("/api/v1/events?type=decision_refused")).Contains(refusal, StringComparison.Ordinal), "a decision_refused event is stored");
    }

    [Fact]
    public async Task Add_BadDurationOrAction_Is400()
    {
        await using var origin = await TestOrigin.StartAsync("app");
        await using var gw = await TestGateway.StartAsync(Config(origin.Url));
        Assert.Equal(HttpStatusCode.BadRequest, (await gw.Admin.PostAsJsonAsync("/api/v1/decisions", new { scope = "203.0.113.1", duration = "4 hours" })).StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, (await gw.Admin.PostAsJsonAsync("/api/v1/decisions", new { scope = "203.0.113.1", action = "nuke" })).StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, (await gw.Admin.PostAsync("/api/v1/decisions", new StringContent("{not json"))).StatusCode);
    }

    [Fact]
    public async Task BanOfTheOperatorsOwnAddress_NeverLocksTheAdminApi()
    {
        await using var origin = await TestOrigin.StartAsync("app");
        await using var gw = await TestGateway.StartAsync(Config(origin.Url));
        Assert.Equal(HttpStatusCode.Created, (await gw.Admin.PostAsJsonAsync("/api/v1/decisions", new { scope = "127.0.0.0/8", reason = "oops" })).StatusCode);

        Assert.Equal(HttpStatusCode.Forbidden, (await gw.Client.GetAsync("/")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await gw.Admin.GetAsync("/api/v1/status")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await gw.Admin.DeleteAsync("/api/v1/decisions?scope=127.0.0.0/8")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await gw.Client.GetAsync("/")).StatusCode);
    }

    [Fact]
    public async Task AllowListedClient_UnderACoveringBan_IsServed_OnceTheReloadedListNamesIt()
    {
        await using var origin = await TestOrigin.StartAsync("app");
        await using var gw = await TestGateway.StartAsync(Config(origin.Url));
        using var listed = SourceAddressClient.Create(gw.Address, "127.0.0.2");
        using var other = SourceAddressClient.Create(gw.Address, "127.0.0.3");
        Assert.Equal(HttpStatusCode.Created, (await gw.Admin.PostAsJsonAsync("/api/v1/decisions", new { scope = "127.0.0.0/24", action = "ban", duration = "1h" })).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await listed.GetAsync("/")).StatusCode);

        await gw.RewriteConfigAsync(Config(origin.Url, "automations: { allow_list: [\"127.0.0.2\"] }"));
        Assert.True((await gw.Host.ReloadAsync()).Applied);
        Assert.Equal(HttpStatusCode.OK, (await listed.GetAsync("/")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await other.GetAsync("/")).StatusCode);
        Assert.Equal(1, origin.Hits);
    }

    [Fact]
    public async Task ChallengeAndThrottle_AreEnforced()
    {
        await using var origin = await TestOrigin.StartAsync("app");
        await using var gw = await TestGateway.StartAsync(Config(origin.Url, "automations: { allow_list: [], decisions: { throttle_per_minute: 3, challenge_difficulty: 8 } }"));
        using var challenged = SourceAddressClient.Create(gw.Address, "127.0.0.5");
        using var throttled = SourceAddressClient.Create(gw.Address, "127.0.0.6");
        await gw.Admin.PostAsJsonAsync("/api/v1/decisions", new { scope = "127.0.0.5", action = "challenge", duration = "1h" });
        await gw.Admin.PostAsJsonAsync("/api/v1/decisions", new { scope = "127.0.0.6", action = "throttle", duration = "1h" });

        var page = await challenged.GetAsync("/");
        Assert.Equal(HttpStatusCode.Accepted, page.StatusCode);
        var seed = System.Text.RegularExpressions.Regex.Match(await page.Content.ReadAsStringAsync(), "var seed=\"([^\"]+)\"").Groups[1].Value;
        using var solved = new HttpRequestMessage(HttpMethod.Get, "/");
        solved.Headers.Add("Cookie", $"{ChallengeService.CookieName}={ChallengeService.Solve(seed, 8)}");
        Assert.Equal(HttpStatusCode.OK, (await challenged.SendAsync(solved)).StatusCode);

        var statuses = new List<HttpStatusCode>();
        HttpResponseMessage? last = null;
        for (var i = 0; i < 5; i++)
        {
            last = await throttled.GetAsync("/");
            statuses.Add(last.StatusCode);
        }

        Assert.Equal([HttpStatusCode.OK, HttpStatusCode.OK, HttpStatusCode.OK, HttpStatusCode.TooManyRequests, HttpStatusCode.TooManyRequests], statuses);
        Assert.Equal("60", last!.Headers.GetValues("Retry-After").Single()); // the page used to clear it
    }

    [Fact]
    public async Task Decision_SurvivesRestart_AndExpiresOnItsTtl_InVirtualTime()
    {
        var time = new FakeTimeProvider(new DateTimeOffset(2026, 3, 1, 12, 0, 0, TimeSpan.Zero));
        await using var origin = await TestOrigin.StartAsync("app");
        var first = await TestGateway.StartAsync(Config(origin.Url), time);
        var outcome = await first.Host.Decisions.AddAsync(new DecisionRequest("127.0.0.7", DecisionAction.Ban, TimeSpan.FromHours(4), "test", "operator"), "test");
        Assert.True(outcome.Accepted);
        await first.StopKeepingStateAsync();

        await using var second = await TestGateway.StartInAsync(first.Directory, Config(origin.Url), time);
        using var client = SourceAddressClient.Create(second.Address, "127.0.0.7");
        Assert.Equal(HttpStatusCode.Forbidden, (await client.GetAsync("/")).StatusCode);

        time.Advance(TimeSpan.FromHours(4) + TimeSpan.FromSeconds(1));
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/")).StatusCode);
        await Eventually.TrueAsync(() => second.Host.Decisions.Index.IsEmpty, "the sweep removes the expired decision");
        await Eventually.TrueAsync(async () => (await second.Admin.GetStringAsync("/api/v1/events?type=decision_expired")).Contains("127.0.0.7", StringComparison.Ordinal), "a decision_expired event is stored");
        Assert.Empty(await second.Host.Store.ListDecisionsAsync(time.GetUtcNow(), includeExpired: true));
    }

    [Fact]
    public async Task AMillionDecisions_AreCapped_RefusedAndCounted_WithOneEvent()
    {
        await using var origin = await TestOrigin.StartAsync("app");
        // Frozen time: refusal events are limited to one per 10 s, and a million calls on a busy machine take longer than that.
        var time = new Microsoft.Extensions.Time.Testing.FakeTimeProvider(DateTimeOffset.UtcNow);
        await using var gw = await TestGateway.StartAsync(Config(origin.Url, "automations: { allow_list: [], decisions: { max_active: 20 } }"), time);
        var refused = 0;
        for (var i = 0; i < 1_000_000; i++)
        {
            var outcome = await gw.Host.Decisions.AddAsync(new DecisionRequest($"10.{i >> 16 & 0xFF}.{i >> 8 & 0xFF}.{i & 0xFF}", DecisionAction.Ban, TimeSpan.FromHours(1), "flood", "function:runaway"), "function:runaway");
            if (outcome.Refusal == DecisionRefusal.CapReached)
            {
                refused++;
            }
        }

        Assert.Equal(20, gw.Host.Decisions.Index.Count);
        Assert.Equal(999_980, refused);
        Assert.Contains("rempart_decisions_changes_total{change=\"refused\",source=\"function:runaway\"} 999980", await gw.MetricsAsync(), StringComparison.Ordinal);
        await Eventually.TrueAsync(async () => (await gw.Admin.GetStringAsync("/api/v1/events?type=decision_refused")).Contains("cap_reached", StringComparison.Ordinal), "the refusal is an event");
        var events = JsonDocument.Parse(await gw.Admin.GetStringAsync("/api/v1/events?type=decision_refused")).RootElement;
        Assert.Equal(1, events.GetArrayLength());
    }

    [Fact]
    public async Task Add_AChunkedBodyOverTheLimit_Is413_WithoutBeingReadWhole()
    {
        // No Content-Length: the limit is counted on the bytes read (it once only checked the header).
        await using var origin = await TestOrigin.StartAsync("app");
        await using var gw = await TestGateway.StartAsync(Config(origin.Url));
        var huge = "{\"scope\": \"203.0.113.9\", \"reason\": \"" + new string('x', 200_000) + "\"}";
        using var content = new StreamContent(new NonSeekable(System.Text.Encoding.UTF8.GetBytes(huge)));
        content.Headers.ContentType = new("application/json");
        using var response = await gw.Admin.PostAsync("/api/v1/decisions", content);

        Assert.Equal(System.Net.HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
        Assert.Empty(gw.Host.Decisions.Index.All);
    }

    /// <summary>A body stream of unknown length, so HttpClient sends it chunked.</summary>
    private sealed class NonSeekable(byte[] data) : MemoryStream(data)
    {
        public override bool CanSeek => false;
    }
}
