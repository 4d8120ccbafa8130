using System.Net;
using Microsoft.AspNetCore.Http;
using Rempart.Gateway.Automations;
using Rempart.Gateway.Tests.Infrastructure;

namespace Rempart.Gateway.Tests.Automations;

/// <summary>Reputation lists served by a real loopback HTTP server: formats, conditional GET, garbage keeps the last good list, restart.</summary>
public sealed class ReputationListTests
{
    [Fact]
    public void Parser_ReadsEachFormat_AndDropsWhatIsTooBroad()
    {
        var drop = ReputationListParser.Parse("spamhaus_drop", "; Spamhaus DROP List 2026/01/01\n; Expires: …\n1.10.16.0/20 ; SBL256894\n2.56.192.0/22 ; SBL459831\n0.0.0.0/0 ; hostile\n", 8, 19);
        Assert.True(drop.Ok);
        Assert.Equal(["1.10.16.0/20", "2.56.192.0/22"], drop.Networks.Select(n => n.ToString()));
        Assert.Equal(1, drop.TooBroad);

        var tor = ReputationListParser.Parse("tor_exit_addresses", "ExitNode 0011BD2485AD45D984EC4159C88FC066E5E3300E\nPublished 2026-01-01 07:30:00\nLastStatus 2026-01-01 08:00:00\nExitAddress 162.247.74.201 2026-01-01 08:03:11\nExitNode AA\nExitAddress 2a0b:f4c2::1 2026-01-01 08:03:11\n", 8, 19);
        Assert.Equal(["162.247.74.201/32", "2a0b:f4c2::1/128"], tor.Networks.Select(n => n.ToString()));

        var et = ReputationListParser.Parse("emerging_threats", "# Emerging Threats\n#\n5.188.10.0/23\n31.184.192.0/19\n45.9.20.11\n", 8, 19);
        Assert.Equal(3, et.Networks.Count);

        Assert.False(ReputationListParser.Parse("cidr", "<!doctype html><html><body>Captive portal</body></html>\n", 8, 19).Ok);
        Assert.False(ReputationListParser.Parse("cidr", "# only comments\n", 8, 19).Ok);
        Assert.False(ReputationListParser.Parse("cidr", "203.0.113.0/24\nnot an address\nneither\nnor this\n", 8, 19).Ok);
    }

    [Fact]
    public async Task Lists_FromALoopbackServer_RefuseListedClients_KeepTheLastGoodList_AndSurviveARestart()
    {
        var body = "; Spamhaus DROP\n127.0.0.70/32 ; SBL1\n198.51.100.0/24 ; SBL2\n";
        var etag = "\"v1\"";
        var conditional = 0;
        var garbage = false;
        await using var lists = await TestOrigin.StartAsync("lists");
        lists.Handler = context =>
        {
            if (garbage)
            {
                context.Response.ContentType = "text/html";
                return context.Response.WriteAsync("<html><body>502 Bad Gateway</body></html>");
            }

            if (context.Request.Headers.IfNoneMatch == etag)
            {
                conditional++;
                context.Response.StatusCode = StatusCodes.Status304NotModified;
                return Task.CompletedTask;
            }

            context.Response.Headers.ETag = etag;
            return context.Response.WriteAsync(body);
        };
        await using var origin = await TestOrigin.StartAsync("app");
        var yaml = $$"""
            origins: { app: { targets: ["{{origin.Url}}"] } }
            routes:
              - match: { paths: ["/"] }
                origin: app
                web_acl: none
            automations:
              allow_list: []
              reputation_lists:
                enabled: true
                sources:
                  - { name: drop, url: "{{lists.Url}}/drop.txt", format: spamhaus_drop }
            """;
        var gw = await TestGateway.StartAsync(yaml);
        try
        {
            using var listed = SourceAddressClient.Create(gw.Address, "127.0.0.70");
            using var other = SourceAddressClient.Create(gw.Address, "127.0.0.71");
            await Eventually.TrueAsync(() => gw.Host.Reputation.Blocking is not null, "the list is fetched at start");
            Assert.Equal(HttpStatusCode.Forbidden, (await listed.GetAsync("/")).StatusCode);
            Assert.Equal(HttpStatusCode.OK, (await other.GetAsync("/")).StatusCode);

            await gw.Host.Reputation.RefreshAllAsync();
            Assert.Equal(1, conditional);

            garbage = true;
            await gw.Host.Reputation.RefreshAllAsync();
            Assert.Equal(HttpStatusCode.Forbidden, (await listed.GetAsync("/")).StatusCode);
            Assert.NotNull(gw.Host.Reputation.Status.Single().Problem);
            await Eventually.TrueAsync(async () => (await gw.Admin.GetStringAsync("/api/v1/events?type=reputation_list_failed")).Contains("\"list\": \"drop\"", StringComparison.Ordinal), "the failure is an event");
            Assert.Contains("rempart_automation_errors_total{automation=\"reputation_lists\"} 1", await gw.MetricsAsync(), StringComparison.Ordinal);

            // Restart with the list server answering garbage: the saved last good list still blocks.
            await gw.StopKeepingStateAsync();
            gw = await TestGateway.StartInAsync(gw.Directory, yaml);
            using var listed2 = SourceAddressClient.Create(gw.Address, "127.0.0.70");
            Assert.Equal(HttpStatusCode.Forbidden, (await listed2.GetAsync("/")).StatusCode);
        }
        finally
        {
            await gw.DisposeAsync();
        }
    }

    [Fact]
    public async Task Lists_WithBlockOff_OnlyFeedTheWebAclRulesThatNameThem()
    {
        await using var lists = await TestOrigin.StartAsync("lists");
        lists.Handler = context => context.Response.WriteAsync(context.Request.Path == "/tor.txt" ? "127.0.0.72\n" : "127.0.0.73\n");
        await using var origin = await TestOrigin.StartAsync("app");
        await using var gw = await TestGateway.StartAsync($$"""
            origins: { app: { targets: ["{{origin.Url}}"] } }
            routes:
              - match: { paths: ["/"] }
                origin: app
                web_acl: main
            web_acls:
              main:
                rules:
                  - { name: tor-challenge, priority: 0, statement: { ip_set: { name: reputation_lists.tor } }, action: challenge }
                  - { name: any-list-count, priority: 1, statement: { ip_set: { name: reputation_lists } }, action: count }
            automations:
              allow_list: []
              reputation_lists:
                enabled: true
                block: false
                sources:
                  - { name: tor, url: "{{lists.Url}}/tor.txt", format: cidr }
                  - { name: other, url: "{{lists.Url}}/other.txt", format: cidr }
            """);
        using var tor = SourceAddressClient.Create(gw.Address, "127.0.0.72");
        using var otherListed = SourceAddressClient.Create(gw.Address, "127.0.0.73");
        await Eventually.TrueAsync(() => gw.Host.Reputation.Status.Count == 2 && gw.Host.Reputation.Status.All(s => s.Entries > 0), "both lists are fetched");

        var challenged = await tor.GetAsync("/");
        Assert.Equal(HttpStatusCode.Accepted, challenged.StatusCode); // the WAF's challenge page, not Shield's 403
        Assert.Equal(HttpStatusCode.OK, (await otherListed.GetAsync("/")).StatusCode); // counted only
        Assert.Null(gw.Host.Reputation.Blocking);
        // Both listed clients matched the union (the tor one was challenged first, so only the other reached rule 1).
        await Eventually.TrueAsync(async () => (await gw.MetricsAsync()).Split('\n').Any(l => l.StartsWith("rempart_waf_rule_matches", StringComparison.Ordinal) && l.Contains("rule=\"any-list-count\"", StringComparison.Ordinal) && l.EndsWith(" 1", StringComparison.Ordinal)), "the count rule matched once");
    }

    [Fact]
    public void WebAclRules_MayNameOnlyConfiguredReputationSources()
    {
        var result = Rempart.Gateway.Configuration.ConfigLoader.LoadText("""
            origins: { app: { targets: ["http://127.0.0.1:1"] } }
            routes: [{ match: { paths: ["/"] }, origin: app, web_acl: main }]
            web_acls:
              main:
                rules:
                  - { name: a, priority: 0, statement: { ip_set: { name: reputation_lists.tor } }, action: block }
                  - { name: b, priority: 1, statement: { ip_set: { name: reputation_lists.spamhaus } }, action: block }
            automations:
              reputation_lists:
                enabled: true
                sources: [{ name: tor, url: "http://127.0.0.1:1/x", format: cidr }]
            """, "r.yaml", Path.GetTempPath());
        var error = Assert.Single(result.Errors);
        Assert.Contains("'reputation_lists.spamhaus' is not defined", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ConfigErrors_ForSources_PointAtTheLine()
    {
        var result = Rempart.Gateway.Configuration.ConfigLoader.LoadText("""
            origins: { app: { targets: ["http://127.0.0.1:1"] } }
            routes: [{ match: { paths: ["/"] }, origin: app }]
            automations:
              reputation_lists:
                enabled: true
                sources:
                  - { name: a, format: drop }
                  - { name: a, url: "ftp://example.com/x", file: x.txt }
              decisions: { min_prefix_v4: 0 }
              scanners: { ban_for: sometimes }
            """, "r.yaml", Path.GetTempPath());
        var text = string.Join("\n", result.Errors);
        Assert.Contains("r.yaml:7:", text, StringComparison.Ordinal);
        Assert.Contains("exactly one of url and file", text, StringComparison.Ordinal);
        Assert.Contains("'drop' is not a list format", text, StringComparison.Ordinal);
        Assert.Contains("used twice", text, StringComparison.Ordinal);
        Assert.Contains("not an http(s) URL", text, StringComparison.Ordinal);
        Assert.Contains("min_prefix_v4", text, StringComparison.Ordinal);
        Assert.Contains("'sometimes' is not a ban length", text, StringComparison.Ordinal);
    }
}
