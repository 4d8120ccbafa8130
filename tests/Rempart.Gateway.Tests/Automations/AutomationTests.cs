using System.Net;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Time.Testing;
using Rempart.Gateway.Automations;
using Rempart.Gateway.Tests.Infrastructure;

namespace Rempart.Gateway.Tests.Automations;

/// <summary>Automation details: robots.txt merging, per-path thresholds, ignored suffixes, deny list, hot reload, bounded memory.</summary>
public sealed class AutomationTests
{
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

    [Fact]
    public void RobotsTxt_Merge_AddsTheTrapsToEveryGroup_AndAWildcardGroup()
    {
        var merged = RobotsTxt.Merge("User-agent: Googlebot\nUser-agent: Bingbot\nDisallow: /private\n\nUser-agent: *\nAllow: /\n", ["/.trap/"]);
        Assert.Equal("""
            User-agent: Googlebot
            User-agent: Bingbot
            Disallow: /.trap/
            Disallow: /private

            User-agent: *
            Disallow: /.trap/
            Allow: /

            # Added by Rempart: paths no honest crawler fetches.
            User-agent: *
            Disallow: /.trap/

            """.Replace("\r\n", "\n"), merged);
        Assert.Equal("# Added by Rempart: paths no honest crawler fetches.\nUser-agent: *\nDisallow: /.trap/\n", RobotsTxt.Merge("", ["/.trap/"]));
    }

    [Fact]
    public async Task Honeypot_RobotsIsMergedWithTheOrigins_TrapNeverReachesTheOrigin()
    {
        await using var origin = await TestOrigin.StartAsync("app");
        origin.Handler = context => context.Request.Path == "/robots.txt"
            ? context.Response.WriteAsync("User-agent: *\nDisallow: /admin\n")
            : context.Response.WriteAsync("app");
        await using var gw = await TestGateway.StartAsync(Config(origin.Url, "  honeypot: { paths: [\"/.trap/\", \"/hidden-login\"] }"));
        using var bot = SourceAddressClient.Create(gw.Address, "127.0.0.31");

        var robots = await bot.GetAsync("/robots.txt");
        var text = await robots.Content.ReadAsStringAsync();
        Assert.Equal(HttpStatusCode.OK, robots.StatusCode);
        Assert.StartsWith("User-agent: *\nDisallow: /.trap/\nDisallow: /hidden-login\nDisallow: /admin\n", text, StringComparison.Ordinal);
        Assert.Equal(text.Length, robots.Content.Headers.ContentLength);

        var hits = origin.Hits;
        Assert.Equal(HttpStatusCode.NotFound, (await bot.GetAsync("/hidden-login")).StatusCode);
        Assert.Equal(hits, origin.Hits);
        await Eventually.TrueAsync(async () => (await bot.GetAsync("/")).StatusCode == HttpStatusCode.Forbidden, "the bot is banned");
        Assert.Null(Assert.Single(gw.Host.Decisions.Index.All).ExpiresAt); // AWS default: no expiry
    }

    [Fact]
    public async Task Honeypot_InjectLink_PutsTheHiddenLinkInUncompressedHtmlOnly_AndItsFetchBans()
    {
        await using var origin = await TestOrigin.StartAsync("app");
        origin.Handler = async context =>
        {
            var response = context.Response;
            switch (context.Request.Path.Value)
            {
                case "/page":
                    // The closing tag split across two writes, in capitals, with a length and a strong validator.
                    var html = "<html><body><p>shop</p></BO"u8.ToArray().Concat("DY></html>"u8.ToArray()).ToArray();
                    response.ContentType = "text/html; charset=utf-8";
                    response.ContentLength = html.Length;
                    response.Headers.ETag = "\"v1\"";
                    await response.Body.WriteAsync(html.AsMemory(0, 27));
                    await response.Body.FlushAsync();
                    await response.Body.WriteAsync(html.AsMemory(27));
                    break;
                case "/data":
                    response.ContentType = "application/json";
                    await response.WriteAsync("{\"html\": \"</body>\"}");
                    break;
                case "/zipped":
                    response.ContentType = "text/html";
                    response.Headers.ContentEncoding = "gzip";
                    await response.Body.WriteAsync(Gzip("<html><body></body></html>"));
                    break;
                default:
                    await response.WriteAsync("plain");
                    break;
            }
        };
        await using var gw = await TestGateway.StartAsync(Config(origin.Url, "  honeypot: { paths: [\"/.trap/\"], inject_link: true }"));
        using var visitor = SourceAddressClient.Create(gw.Address, "127.0.0.41");

        var page = await visitor.GetAsync("/page");
        var body = await page.Content.ReadAsStringAsync();
        Assert.Equal("<html><body><p>shop</p><a href=\"/.trap/\" rel=\"nofollow\" style=\"display:none\" aria-hidden=\"true\" tabindex=\"-1\">.</a></BODY></html>", body);
        Assert.True(page.Headers.TransferEncodingChunked, "the origin's Content-Length must go: the injected body is longer");
        Assert.Equal("W/\"v1\"", page.Headers.ETag?.ToString());
        Assert.Equal("{\"html\": \"</body>\"}", await visitor.GetStringAsync("/data"));
        var zipped = await visitor.GetAsync("/zipped");
        Assert.Equal(Gzip("<html><body></body></html>"), await zipped.Content.ReadAsByteArrayAsync());
        Assert.Empty(gw.Host.Decisions.Index.All);

        // A bot that follows the hidden link is banned.
        using var bot = SourceAddressClient.Create(gw.Address, "127.0.0.42");
        Assert.Equal(HttpStatusCode.NotFound, (await bot.GetAsync("/.trap/")).StatusCode);
        await Eventually.TrueAsync(async () => (await bot.GetAsync("/data")).StatusCode == HttpStatusCode.Forbidden, "the bot is banned");
        Assert.Equal(HttpStatusCode.OK, (await visitor.GetAsync("/data")).StatusCode);
    }

    private static byte[] Gzip(string text)
    {
        using var buffer = new MemoryStream();
        using (var gzip = new System.IO.Compression.GZipStream(buffer, System.IO.Compression.CompressionLevel.Fastest))
        {
            gzip.Write(System.Text.Encoding.UTF8.GetBytes(text));
        }

        return buffer.ToArray();
    }

    [Fact]
    public async Task Honeypot_OriginWithoutRobots_GetsRempartsAlone()
    {
        await using var origin = await TestOrigin.StartAsync("app");
        origin.Handler = context =>
        {
            context.Response.StatusCode = 404;
            return context.Response.WriteAsync("nope");
        };
        await using var gw = await TestGateway.StartAsync(Config(origin.Url, ""));
        var robots = await gw.Client.GetAsync("/robots.txt");
        Assert.Equal(HttpStatusCode.OK, robots.StatusCode);
        Assert.Contains("Disallow: /.rempart-trap/", await robots.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Scanners_PerPathThreshold_AndIgnoredSuffixes()
    {
        await using var origin = await TestOrigin.StartAsync("app");
        origin.Handler = context =>
        {
            context.Response.StatusCode = context.Request.Path == "/" ? 200 : context.Request.Path.StartsWithSegments("/login") ? 401 : 404;
            return Task.CompletedTask;
        };
        await using var gw = await TestGateway.StartAsync(Config(origin.Url, "  scanners: { errors_per_minute: 30, paths: [{ prefix: /login, errors_per_minute: 3 }] }"));
        using var browser = SourceAddressClient.Create(gw.Address, "127.0.0.32");
        using var stuffer = SourceAddressClient.Create(gw.Address, "127.0.0.33");

        for (var i = 0; i < 60; i++)
        {
            Assert.Equal(HttpStatusCode.NotFound, (await browser.GetAsync($"/img/missing-{i}.png")).StatusCode);
        }

        for (var i = 0; i < 4; i++)
        {
            await stuffer.PostAsync("/login", new StringContent("user=a&pass=" + i));
        }

        await Eventually.TrueAsync(async () => (await stuffer.GetAsync("/")).StatusCode == HttpStatusCode.Forbidden, "the credential stuffer is banned by the /login threshold");
        Assert.Equal(HttpStatusCode.OK, (await browser.GetAsync("/")).StatusCode);
        Assert.Contains("rempart_automation_decisions_total{automation=\"scanners\"} 1", await gw.MetricsAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task DenyList_BansWhileListed_WithRetention_AndReloadLiftsRemovedEntries()
    {
        var time = new FakeTimeProvider(new DateTimeOffset(2026, 6, 1, 8, 0, 0, TimeSpan.Zero));
        await using var origin = await TestOrigin.StartAsync("app");
        await using var gw = await TestGateway.StartAsync(Config(origin.Url, "  deny_list: { entries: [\"127.0.0.41\", \"127.0.0.42\"], retention: 1h }"), time);
        using var a = SourceAddressClient.Create(gw.Address, "127.0.0.41");
        using var b = SourceAddressClient.Create(gw.Address, "127.0.0.42");
        Assert.Equal(HttpStatusCode.Forbidden, (await a.GetAsync("/")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await b.GetAsync("/")).StatusCode);

        await gw.RewriteConfigAsync(Config(origin.Url, "  deny_list: { entries: [\"127.0.0.41\"], retention: 1h }"));
        Assert.True((await gw.Host.ReloadAsync()).Applied);
        Assert.Equal(HttpStatusCode.Forbidden, (await a.GetAsync("/")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await b.GetAsync("/")).StatusCode);

        time.Advance(TimeSpan.FromHours(1) + TimeSpan.FromSeconds(1));
        Assert.Equal(HttpStatusCode.OK, (await a.GetAsync("/")).StatusCode);

        // Still listed, retention over: a reload does not start the clock again.
        await gw.RewriteConfigAsync(Config(origin.Url, "  deny_list: { entries: [\"127.0.0.41\"], retention: 1h }\n  honeypot: { enabled: false }"));
        Assert.True((await gw.Host.ReloadAsync()).Applied);
        Assert.Equal(HttpStatusCode.OK, (await a.GetAsync("/")).StatusCode);
    }

    [Fact]
    public async Task HotReload_TurnsAnAutomationOn_WithItsNewThreshold()
    {
        await using var origin = await TestOrigin.StartAsync("app");
        await using var gw = await TestGateway.StartAsync(Config(origin.Url, "  http_flood: { enabled: false }"));
        using var client = SourceAddressClient.Create(gw.Address, "127.0.0.51");
        for (var i = 0; i < 30; i++)
        {
            Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/")).StatusCode);
        }

        await gw.RewriteConfigAsync(Config(origin.Url, "  http_flood: { requests: 10, window: 1m }"));
        Assert.True((await gw.Host.ReloadAsync()).Applied);
        for (var i = 0; i < 11; i++)
        {
            await client.GetAsync("/");
        }

        await Eventually.TrueAsync(async () => (await client.GetAsync("/")).StatusCode == HttpStatusCode.Forbidden, "the new threshold bans");
    }

    [Fact]
    public void ClientCounters_MillionsOfSources_StayBounded()
    {
        var counters = new ClientWindowCounters(10_000);
        var window = TimeSpan.FromMinutes(1).Ticks;
        for (var i = 0; i < 1_000_000; i++)
        {
            counters.Increment("10." + (i >> 16) + "." + ((i >> 8) & 0xFF) + "." + (i & 0xFF), i, window);
        }

        Assert.True(counters.Count <= 10_000);
        Assert.True(counters.Evicted >= 990_000);
        counters.Increment("hot", 1_000_001, window);
        Assert.Equal(2, counters.Increment("hot", 1_000_002, window));
    }
}
