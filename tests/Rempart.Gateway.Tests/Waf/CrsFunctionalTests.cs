using System.Net;
using Microsoft.AspNetCore.Http;
using System.Text;
using System.Text.Json;
using Rempart.Gateway.Tests.Infrastructure;

namespace Rempart.Gateway.Tests.Waf;

/// <summary>
/// The OWASP Core Rule Set (../shared/testdata/crs, unmodified) as a web ACL group through the running gateway:
/// request phases block with the block page, labels carry the CRS rule ids and the anomaly score, overrides and
/// exclusions change the outcome, and the response phases replace a leaking response before it is sent.
/// </summary>
public class CrsFunctionalTests
{
    internal static string CrsPath => Path.Combine(SharedTestData.Root ?? "/nonexistent", "crs");

    private static async Task<(TestOrigin Origin, TestGateway Gateway)> StartAsync(string crs, string extraRules = "", string overrideAction = "")
    {
        var origin = await TestOrigin.StartAsync("app");
        var gateway = await TestGateway.StartAsync($$"""
            origins: { app: { targets: ["{{origin.Url}}"] } }
            web_acls:
              main:
                body_limit: 64KiB
                rules:
                  - name: crs
                    priority: 10
                    {{overrideAction}}
                    statement:
                      crs:
                        path: {{CrsPath}}
            {{crs}}
            {{extraRules}}
            routes:
              - match: { paths: ["/"] }
                origin: app
                web_acl: main
            """);
        return (origin, gateway);
    }

    private static async Task<JsonElement> AccessLogLineAsync(TestGateway gw, HttpResponseMessage response)
    {
        var id = response.Headers.GetValues("X-Request-Id").Single();
        var log = Path.Combine(gw.Host.DataDirectory, "access.log");
        await Eventually.TrueAsync(() => File.Exists(log) && File.ReadAllText(log).Contains(id, StringComparison.Ordinal), "the request is logged");
        using var line = JsonDocument.Parse(File.ReadAllLines(log).Single(l => l.Contains(id, StringComparison.Ordinal)));
        return line.RootElement.Clone();
    }

    private static string[] Labels(JsonElement line) => line.GetProperty("labels").EnumerateArray().Select(l => l.GetString()!).ToArray();

    [SharedDataFact("crs")]
    public async Task SqlInjection_IsBlocked_WithTheBlockPage_RuleIdsAndScoreInLabels_BenignPasses()
    {
        var (origin, gw) = await StartAsync("""
                        paranoia_level: 1
            """);
        await using var _ = origin;
        await using var __ = gw;

        using var benign = new HttpRequestMessage(HttpMethod.Get, "/search?q=garden+chairs&page=2");
        benign.Headers.UserAgent.ParseAdd("Mozilla/5.0 (X11; Linux x86_64) Firefox/130.0");
        benign.Headers.Accept.ParseAdd("text/html");
        var ok = await gw.Client.SendAsync(benign);
        Assert.Equal(HttpStatusCode.OK, ok.StatusCode);

        using var attack = new HttpRequestMessage(HttpMethod.Get, "/search?q=1%27%20UNION%20SELECT%20password%20FROM%20users--");
        attack.Headers.UserAgent.ParseAdd("Mozilla/5.0 (X11; Linux x86_64) Firefox/130.0");
        attack.Headers.Accept.ParseAdd("text/html");
        var blocked = await gw.Client.SendAsync(attack);
        var page = await blocked.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.Forbidden, blocked.StatusCode);
        Assert.Contains(blocked.Headers.GetValues("X-Request-Id").Single(), page, StringComparison.Ordinal);
        Assert.Equal(1, origin.Hits);
        var line = await AccessLogLineAsync(gw, blocked);
        Assert.Equal("block", line.GetProperty("waf_verdict").GetString());
        Assert.Equal("crs/949110", line.GetProperty("waf_rule").GetString());
        var labels = Labels(line);
        Assert.Contains(labels, l => l.StartsWith("rempart:crs:rule:942", StringComparison.Ordinal));
        Assert.Contains("rempart:crs:attack:sqli", labels);
        Assert.Contains(labels, l => l.StartsWith("rempart:crs:anomaly_score:", StringComparison.Ordinal) && int.Parse(l[26..]) >= 5);
    }

    [SharedDataFact("crs")]
    public async Task JsonBody_IsParsed_AndItsInjectionBlocked_AndLaterRulesSeeTheLabels()
    {
        var (origin, gw) = await StartAsync("""
                        paranoia_level: 1
            """, """
                  - name: after-crs
                    priority: 20
                    statement: { label_match: { key: "rempart:crs:attack:xss" } }
                    action: { block: { status: 406 } }
            """, overrideAction: "override_action: count");
        await using var _ = origin;
        await using var __ = gw;

        using var content = new StringContent("""{"comment":"<script>alert(document.cookie)</script>"}""", Encoding.UTF8, "application/json");
        var response = await gw.Client.PostAsync("/api/comments", content);

        // CRS counts only (override_action: count); the later rule blocks on its label.
        Assert.Equal(HttpStatusCode.NotAcceptable, response.StatusCode);
        var line = await AccessLogLineAsync(gw, response);
        Assert.Contains(Labels(line), l => l.StartsWith("rempart:crs:rule:941", StringComparison.Ordinal));
        Assert.Equal(0, origin.Hits);
    }

    [SharedDataFact("crs")]
    public async Task Overrides_And_Exclusions_LetTheTunedRequestThrough()
    {
        var (origin, gw) = await StartAsync("""
                        overrides: { "920350": disable }
                        exclusions:
                          - remove_targets: [ARGS:query]
                            tags: [attack-sqli]
                            path_prefix: /reports/
                          - remove_rules: [941100-941399]
                            path_prefix: /cms/
            """);
        await using var _ = origin;
        await using var __ = gw;

        var sql = Uri.EscapeDataString("1' UNION SELECT name FROM products--");
        var xss = Uri.EscapeDataString("<script>alert(1)</script>");
        Assert.Equal(HttpStatusCode.OK, (await gw.Client.GetAsync($"/reports/run?query={sql}")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await gw.Client.GetAsync($"/other?query={sql}")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await gw.Client.GetAsync($"/cms/save?body={xss}")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await gw.Client.GetAsync($"/blog?body={xss}")).StatusCode);
        // 920350 (Host is an IP address) would otherwise score on every request to 127.0.0.1.
        var line = await AccessLogLineAsync(gw, await gw.Client.GetAsync("/plain"));
        Assert.DoesNotContain("rempart:crs:rule:920350", Labels(line));
    }

    [SharedDataFact("crs")]
    public async Task DetectionOnly_CountsEveryMatch_AndBlocksNothing()
    {
        var (origin, gw) = await StartAsync("""
                        mode: detection_only
            """);
        await using var _ = origin;
        await using var __ = gw;

        var response = await gw.Client.GetAsync("/?id=" + Uri.EscapeDataString("1 OR 1=1; DROP TABLE users--"));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var line = await AccessLogLineAsync(gw, response);
        Assert.Equal("allow", line.GetProperty("waf_verdict").GetString());
        Assert.Contains("rempart:crs:rule:949110", Labels(line));
    }

    [SharedDataFact("crs")]
    public async Task ResponseLeakingSqlErrors_IsReplacedByTheBlockPage_BeforeAnyByteIsSent()
    {
        var (origin, gw) = await StartAsync("""
                        paranoia_level: 1
            """);
        await using var _ = origin;
        await using var __ = gw;
        origin.Handler = async context =>
        {
            context.Response.ContentType = "text/html";
            await context.Response.WriteAsync(context.Request.Path == "/leak"
                ? "<html><body>Warning: mysql_fetch_array() expects parameter 1 to be resource. You have an error in your SQL syntax; check the manual that corresponds to your MySQL server version</body></html>"
                : "<html><body>All good</body></html>");
        };

        var good = await gw.Client.GetAsync("/fine");
        Assert.Equal(HttpStatusCode.OK, good.StatusCode);
        Assert.Contains("All good", await good.Content.ReadAsStringAsync(), StringComparison.Ordinal);

        var leak = await gw.Client.GetAsync("/leak");
        var body = await leak.Content.ReadAsStringAsync();
        Assert.Equal(HttpStatusCode.Forbidden, leak.StatusCode);
        Assert.DoesNotContain("SQL syntax", body, StringComparison.Ordinal);
        var line = await AccessLogLineAsync(gw, leak);
        Assert.Equal("block", line.GetProperty("waf_verdict").GetString());
        Assert.Contains(Labels(line), l => l.StartsWith("rempart:crs:rule:951", StringComparison.Ordinal));
    }

    [SharedDataFact("crs")]
    public async Task AuditLog_RecordsTheBlockedRequest_WithRuleIdsDataAndTheRequest()
    {
        var (origin, gw) = await StartAsync("""
                        audit_log: crs-audit.json
            """);
        await using var _ = origin;
        await using var __ = gw;

        using var about = new HttpRequestMessage(HttpMethod.Get, "/about");
        about.Headers.Host = "shop.example"; // not an IP address, so CRS 920350 stays quiet
        about.Headers.UserAgent.ParseAdd("Mozilla/5.0 (X11; Linux x86_64) Firefox/130.0");
        about.Headers.Accept.ParseAdd("text/html");
        var benign = await gw.Client.SendAsync(about);
        Assert.Equal(HttpStatusCode.OK, benign.StatusCode);
        var blocked = await gw.Client.GetAsync("/search?q=" + Uri.EscapeDataString("1' UNION SELECT password FROM users--"));
        Assert.Equal(HttpStatusCode.Forbidden, blocked.StatusCode);
        var id = blocked.Headers.GetValues("X-Request-Id").Single();

        var path = Path.Combine(gw.Directory, "crs-audit.json");
        // Complete once its line has ended (the writer appends in the background).
        await Eventually.TrueAsync(() => File.Exists(path) && File.ReadAllText(path) is var text && text.IndexOf(id, StringComparison.Ordinal) is >= 0 and var at && text.IndexOf('\n', at) > 0, "the blocked request is audit-logged");
        var lines = File.ReadAllLines(path);
        using var entry = JsonDocument.Parse(lines.Single(l => l.Contains(id, StringComparison.Ordinal)));
        var tx = entry.RootElement.GetProperty("transaction");
        Assert.Equal(id, tx.GetProperty("unique_id").GetString());
        Assert.Equal(403, tx.GetProperty("response").GetProperty("http_code").GetInt32());
        Assert.StartsWith("/search?q=", tx.GetProperty("request").GetProperty("uri").GetString(), StringComparison.Ordinal);
        var rules = tx.GetProperty("messages").EnumerateArray().Select(m => m.GetProperty("details").GetProperty("ruleId").GetString()).ToList();
        Assert.Contains("942100", rules);
        Assert.Contains("949110", rules);
        Assert.Contains(tx.GetProperty("messages").EnumerateArray(), m => m.GetProperty("details").GetProperty("data").GetString()!.Contains("UNION", StringComparison.Ordinal));
        // Relevant only: the benign request matched nothing that logs, so it is not there.
        Assert.DoesNotContain(lines, l => l.Contains(benign.Headers.GetValues("X-Request-Id").Single(), StringComparison.Ordinal));
    }
}
