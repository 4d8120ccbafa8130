using System.Net;
using Microsoft.AspNetCore.Http;
using System.Text;
using System.Text.Json;
using Rempart.Gateway.Tests.Infrastructure;
using Rempart.Gateway.Waf.Challenge;

namespace Rempart.Gateway.Tests.Waf;

/// <summary>Web ACLs through the running gateway: statements, fields, transformations, actions, labels, observability.</summary>
public class WafFunctionalTests
{
    private static async Task<(TestOrigin Origin, TestGateway Gateway)> StartAsync(string acl, string extra = "")
    {
        var origin = await TestOrigin.StartAsync("app");
        var gateway = await TestGateway.StartAsync($$"""
            origins: { app: { targets: ["{{origin.Url}}"] } }
            {{extra}}
            web_acls:
              main:
            {{acl}}
            routes:
              - match: { paths: ["/"] }
                origin: app
                web_acl: main
            """);
        return (origin, gateway);
    }

    [Fact]
    public async Task ByteMatch_WithTransforms_BlocksWithAReferencedPage()
    {
        var (origin, gw) = await StartAsync("""
                rules:
                  - name: admin-path
                    priority: 1
                    statement: { byte_match: { field: uri_path, transforms: [url_decode, lowercase], starts_with: /admin } }
                    action: block
            """);
        await using var _ = origin;
        await using var __ = gw;

        var blocked = await gw.Client.GetAsync("/%41dmin/users");
        var body = await blocked.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.Forbidden, blocked.StatusCode);
        Assert.Contains(blocked.Headers.GetValues("X-Request-Id").Single(), body, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, (await gw.Client.GetAsync("/public")).StatusCode);
        Assert.Equal(1, origin.Hits);
    }

    [Fact]
    public async Task RegexSet_IpSet_AndNot_WorkTogether()
    {
        var (origin, gw) = await StartAsync("""
                rules:
                  - name: office-only-admin
                    priority: 1
                    statement:
                      and:
                        - { regex_set: { field: uri_path, set: admin-paths } }
                        - { not: { ip_set: office } }
                    action: block
            """, """
            ip_sets: { office: ["10.0.0.0/8", "2001:db8::/32"] }
            regex_sets: { admin-paths: ["^/wp-admin", "^/phpmyadmin"] }
            """);
        await using var _ = origin;
        await using var __ = gw;

        Assert.Equal(HttpStatusCode.Forbidden, (await gw.Client.GetAsync("/phpmyadmin/index.php")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await gw.Client.GetAsync("/blog")).StatusCode);
    }

    [Fact]
    public async Task Labels_FromCountRules_AreSeenByLaterRules_AndTheAccessLog()
    {
        var (origin, gw) = await StartAsync("""
                rules:
                  - name: tag-bots
                    priority: 1
                    statement: { byte_match: { field: { single_header: user-agent }, transforms: [lowercase], contains: bot } }
                    action: count
                    labels: [app:bot]
                  - name: bots-not-on-checkout
                    priority: 2
                    statement:
                      and:
                        - { label_match: { scope: namespace, key: app } }
                        - { byte_match: { field: uri_path, starts_with: /checkout } }
                    action: block
            """);
        await using var _ = origin;
        await using var __ = gw;

        using var botCheckout = new HttpRequestMessage(HttpMethod.Get, "/checkout");
        botCheckout.Headers.UserAgent.ParseAdd("FriendlyBot/1.0");
        using var botHome = new HttpRequestMessage(HttpMethod.Get, "/");
        botHome.Headers.UserAgent.ParseAdd("FriendlyBot/1.0");

        Assert.Equal(HttpStatusCode.Forbidden, (await gw.Client.SendAsync(botCheckout)).StatusCode);
        var home = await gw.Client.SendAsync(botHome);
        Assert.Equal(HttpStatusCode.OK, home.StatusCode);
        var id = home.Headers.GetValues("X-Request-Id").Single();
        var log = Path.Combine(gw.Host.DataDirectory, "access.log");
        await Eventually.TrueAsync(() => File.Exists(log) && File.ReadAllText(log).Contains(id, StringComparison.Ordinal), "the request is logged");
        using var line = JsonDocument.Parse(File.ReadAllLines(log).Single(l => l.Contains(id, StringComparison.Ordinal)));
        Assert.Equal("allow", line.RootElement.GetProperty("waf_verdict").GetString());
        Assert.Equal("app:bot", line.RootElement.GetProperty("labels")[0].GetString());
    }

    [Fact]
    public async Task JsonBody_SqliMatch_BlocksInjectedValue_AndTheBodyStillReachesTheOrigin()
    {
        var (origin, gw) = await StartAsync("""
                body_limit: 1KiB
                rules:
                  - name: sqli-json
                    priority: 1
                    statement: { sqli_match: { field: { json_body: { paths: [/user] } }, transforms: [url_decode] } }
                    action: block
            """);
        await using var _ = origin;
        await using var __ = gw;
        string? received = null;
        origin.Handler = async ctx =>
        {
            received = await new StreamReader(ctx.Request.Body).ReadToEndAsync();
            await ctx.Response.WriteAsync("ok");
        };

        var attack = await gw.Client.PostAsync("/login", new StringContent("""{"user":"admin' OR '1'='1","pass":"x"}""", Encoding.UTF8, "application/json"));
        Assert.Equal(HttpStatusCode.Forbidden, attack.StatusCode);

        // A body far larger than body_limit is inspected up to the limit and streamed whole to the origin.
        var big = "{\"user\":\"alice\",\"note\":\"" + new string('x', 200_000) + "\"}";
        var ok = await gw.Client.PostAsync("/login", new StringContent(big, Encoding.UTF8, "application/json"));
        Assert.Equal(HttpStatusCode.OK, ok.StatusCode);
        Assert.Equal(big, received);
    }

    [Fact]
    public async Task OversizeMatch_FailsClosed()
    {
        var (origin, gw) = await StartAsync("""
                body_limit: 1KiB
                rules:
                  - name: too-big
                    priority: 1
                    statement: { size_constraint: { field: { body: { oversize: match } }, comparison: gt, size: 1MiB } }
                    action: block
            """);
        await using var _ = origin;
        await using var __ = gw;

        Assert.Equal(HttpStatusCode.Forbidden, (await gw.Client.PostAsync("/", new StringContent(new string('a', 5000)))).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await gw.Client.PostAsync("/", new StringContent("small"))).StatusCode);
    }

    [Fact]
    public async Task Form_And_Multipart_FieldsAndFileNames_AreInspected()
    {
        var (origin, gw) = await StartAsync("""
                rules:
                  - name: php-upload
                    priority: 1
                    statement: { byte_match: { field: { form: { match_scope: all } }, transforms: [lowercase], ends_with: .php } }
                    action: block
            """);
        await using var _ = origin;
        await using var __ = gw;

        using var upload = new MultipartFormDataContent { { new ByteArrayContent([1, 2, 3]), "file", "shell.PHP" } };
        Assert.Equal(HttpStatusCode.Forbidden, (await gw.Client.PostAsync("/upload", upload)).StatusCode);
        using var image = new MultipartFormDataContent { { new ByteArrayContent([1, 2, 3]), "file", "cat.png" } };
        Assert.Equal(HttpStatusCode.OK, (await gw.Client.PostAsync("/upload", image)).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await gw.Client.PostAsync("/f", new FormUrlEncodedContent([new("next", "/x/index.php")]))).StatusCode);
    }

    [Fact]
    public async Task RateBased_BlocksAKeyOverTheLimit_Only()
    {
        var (origin, gw) = await StartAsync("""
                rules:
                  - name: api-key-flood
                    priority: 1
                    statement:
                      rate_based:
                        limit: 5
                        window: 1m
                        keys: [{ header: X-Api-Key }]
                        scope_down: { byte_match: { field: uri_path, starts_with: /api } }
                    action: { block: { status: 429, headers: { Retry-After: "60" } } }
            """);
        await using var _ = origin;
        await using var __ = gw;

        var statuses = new List<HttpStatusCode>();
        for (var i = 0; i < 8; i++)
        {
            using var r = new HttpRequestMessage(HttpMethod.Get, "/api/items");
            r.Headers.Add("X-Api-Key", "heavy");
            statuses.Add((await gw.Client.SendAsync(r)).StatusCode);
        }

        using var other = new HttpRequestMessage(HttpMethod.Get, "/api/items");
        other.Headers.Add("X-Api-Key", "light");
        Assert.Equal(Enumerable.Repeat(HttpStatusCode.OK, 5).Concat(Enumerable.Repeat((HttpStatusCode)429, 3)), statuses);
        Assert.Equal(HttpStatusCode.OK, (await gw.Client.SendAsync(other)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await gw.Client.GetAsync("/home")).StatusCode);
    }

    [Fact]
    public async Task Challenge_ServesAProofOfWorkPage_AndASolvedTokenPasses()
    {
        var (origin, gw) = await StartAsync("""
                rules:
                  - name: challenge-login
                    priority: 1
                    statement: { byte_match: { field: uri_path, exactly: /login } }
                    action: { challenge: { difficulty: 8 } }
            """);
        await using var _ = origin;
        await using var __ = gw;

        var first = await gw.Client.GetAsync("/login");
        var page = await first.Content.ReadAsStringAsync();
        Assert.Equal(HttpStatusCode.Accepted, first.StatusCode);
        Assert.Equal(0, origin.Hits);
        var seed = System.Text.RegularExpressions.Regex.Match(page, "var seed=\"([^\"]+)\"").Groups[1].Value;

        var token = ChallengeService.Solve(seed, 8);
        using var solved = new HttpRequestMessage(HttpMethod.Get, "/login");
        solved.Headers.Add("Cookie", $"{ChallengeService.CookieName}={token}");
        Assert.Equal(HttpStatusCode.OK, (await gw.Client.SendAsync(solved)).StatusCode);

        using var forged = new HttpRequestMessage(HttpMethod.Get, "/login");
        forged.Headers.Add("Cookie", $"{ChallengeService.CookieName}={token[..^1]}x");
        Assert.Equal(HttpStatusCode.Accepted, (await gw.Client.SendAsync(forged)).StatusCode);

        using var otherAgent = new HttpRequestMessage(HttpMethod.Get, "/login");
        otherAgent.Headers.Add("Cookie", $"{ChallengeService.CookieName}={token}");
        otherAgent.Headers.UserAgent.ParseAdd("another-client/1.0");
        Assert.Equal(HttpStatusCode.Accepted, (await gw.Client.SendAsync(otherAgent)).StatusCode);
    }

    [Fact]
    public async Task Allow_InsertsHeaders_AndStopsEvaluation()
    {
        var (origin, gw) = await StartAsync("""
                default_action: block
                rules:
                  - name: health
                    priority: 1
                    statement: { byte_match: { field: uri_path, exactly: /health } }
                    action: { allow: { insert_headers: { X-Waf-Checked: "yes" } } }
            """);
        await using var _ = origin;
        await using var __ = gw;

        Assert.Equal(HttpStatusCode.OK, (await gw.Client.GetAsync("/health")).StatusCode);
        Assert.Equal("yes", origin.Received.Single().Headers["X-Waf-Checked"]);
        Assert.Equal(HttpStatusCode.Forbidden, (await gw.Client.GetAsync("/other")).StatusCode);
    }

    [Fact]
    public async Task CustomResponseBody_AndMetrics_AndSampledRequests_AndEvents()
    {
        var (origin, gw) = await StartAsync("""
                rules:
                  - name: no-dotfiles
                    priority: 1
                    statement: { regex_match: { field: uri_path, pattern: "/\\.(git|env)" } }
                    action: { block: { status: 404, response: not-found } }
            """, """
            response_bodies:
              not-found: { content_type: "text/plain", content: "nothing here ({{reference}})" }
            """);
        await using var _ = origin;
        await using var __ = gw;

        var response = await gw.Client.GetAsync("/.git/config");
        var id = response.Headers.GetValues("X-Request-Id").Single();
        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal($"nothing here ({id})", await response.Content.ReadAsStringAsync());

        Assert.Contains("rempart_waf_rule_matches_total{acl=\"main\",rule=\"no-dotfiles\",action=\"block\"} 1", await gw.MetricsAsync(), StringComparison.Ordinal);
        using var sampled = JsonDocument.Parse(await gw.Admin.GetStringAsync("/api/v1/web-acls/main/sampled"));
        var sample = sampled.RootElement.GetProperty("no-dotfiles")[0];
        Assert.Equal(id, sample.GetProperty("request_id").GetString());
        Assert.Equal("uri_path", sample.GetProperty("field").GetString());
        await Eventually.TrueAsync(async () =>
        {
            using var events = JsonDocument.Parse(await gw.Admin.GetStringAsync($"/api/v1/events?type=request_blocked&request_id={id}"));
            return events.RootElement.GetArrayLength() == 1;
        }, "the blocked request is stored as a security event");
    }

    [Fact]
    public async Task DefaultAcl_BlocksCommonAttacks_AndNoneTurnsItOff()
    {
        await using var origin = await TestOrigin.StartAsync("app");
        await using var gw = await TestGateway.StartAsync($$"""
            origins: { app: { targets: ["{{origin.Url}}"] } }
            routes:
              - match: { paths: ["/open"] }
                origin: app
                web_acl: none
              - match: { paths: ["/"] }
                origin: app
            """);

        Assert.Equal(HttpStatusCode.Forbidden, (await gw.Client.GetAsync("/search?q=1'%20UNION%20SELECT%20password%20FROM%20users--")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await gw.Client.GetAsync("/?q=%3Cscript%3Ealert(1)%3C/script%3E")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await gw.Client.GetAsync("/file?name=../../../../etc/passwd")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await gw.Client.GetAsync("/search?q=O'Reilly%20books%20about%20SQL%20select%20statements")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await gw.Client.GetAsync("/open?q=1'%20UNION%20SELECT%20password%20FROM%20users--")).StatusCode);
    }

    [Fact]
    public async Task HostileRequests_AreHandledInBoundedTime()
    {
        await using var origin = await TestOrigin.StartAsync("app");
        await using var gw = await TestGateway.StartAsync($$"""
            origins: { app: { targets: ["{{origin.Url}}"] } }
            routes:
              - match: { paths: ["/"] }
                origin: app
            """);

        var manyArgs = "/?" + string.Join("&", Enumerable.Range(0, 10_000).Select(i => $"a{i}=v{i}"));
        using var longCookie = new HttpRequestMessage(HttpMethod.Get, "/");
        longCookie.Headers.Add("Cookie", "c=" + new string('x', 60_000));
        var nested = new string('[', 5000) + new string(']', 5000);

        var statuses = new[]
        {
            (await gw.Client.PostAsync("/", new StringContent(manyArgs[2..], Encoding.UTF8, "application/x-www-form-urlencoded"))).StatusCode,
            (await gw.Client.SendAsync(longCookie)).StatusCode,
            (await gw.Client.PostAsync("/", new StringContent(nested, Encoding.UTF8, "application/json"))).StatusCode,
            (await gw.Client.PostAsync("/", new ByteArrayContent([0xC3, 0x28, 0xFF, 0xFE, 0x25, 0x5A, 0x5A]))).StatusCode,
        };

        Assert.All(statuses, s => Assert.True(s is HttpStatusCode.OK or HttpStatusCode.Forbidden or HttpStatusCode.RequestHeaderFieldsTooLarge, s.ToString()));
        Assert.Equal(HttpStatusCode.OK, (await gw.Client.GetAsync("/still-serving")).StatusCode);
    }
}
