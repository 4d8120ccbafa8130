using System.Net;
using System.Text;
using Rempart.Gateway.Tests.Infrastructure;

namespace Rempart.Gateway.Tests.Waf;

/// <summary>
/// Hostile input against SecLang groups through the running gateway: catastrophic regexes, JSON, XML and
/// multipart bombs, 10,000 arguments. Each request gets an answer (none hangs), and on_error decides the outcome:
/// block (fail closed, the default) or allow.
/// </summary>
public sealed class SecLangBadInputTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("rempart-seclang-bad-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private async Task<(TestOrigin Origin, TestGateway Gateway)> StartAsync(string statement)
    {
        var origin = await TestOrigin.StartAsync("app");
        var gateway = await TestGateway.StartAsync($$"""
            origins: { app: { targets: ["{{origin.Url}}"] } }
            web_acls:
              main:
                body_limit: 1MiB
                rules:
                  - name: waf
                    priority: 1
                    statement:
            {{statement}}
            routes:
              - match: { paths: ["/"] }
                origin: app
                web_acl: main
            """);
        return (origin, gateway);
    }

    private string RuleFile(string name, string text)
    {
        var path = Path.Combine(_dir, name);
        File.WriteAllText(path, text);
        return path;
    }

    [Fact]
    public async Task CatastrophicRegex_TimesOut_IsCounted_AndOnErrorDecides()
    {
        // Nested quantifiers with a failing tail: exponential on a backtracking engine.
        var closed = RuleFile("closed.conf", """
            SecRuleEngine On
            SecRule ARGS:q "@rx ^(c+)+$" "id:1001,phase:1,deny,status:403,msg:'all c'"
            """);
        var open = RuleFile("open.conf", """
            SecRuleEngine On
            SecRule ARGS:q "@rx ^(d+)+$" "id:1002,phase:1,deny,status:403,msg:'all d'"
            """);
        var (origin, gw) = await StartAsync($$"""
                          seclang: { files: [{{closed}}] }
                  - name: waf-open
                    priority: 2
                    statement:
                      seclang: { files: [{{open}}], on_error: allow }
            """);
        await using var _ = origin;
        await using var __ = gw;

        var blocked = await gw.Client.GetAsync("/?q=" + new string('c', 40) + "!");
        Assert.Equal(HttpStatusCode.Forbidden, blocked.StatusCode);

        var passed = await gw.Client.GetAsync("/?q=" + new string('d', 40) + "!");
        Assert.Equal(HttpStatusCode.OK, passed.StatusCode);
        var metrics = await gw.MetricsAsync();
        Assert.Contains("rule=\"waf/regex-timeout\"", metrics, StringComparison.Ordinal);
        Assert.Contains("rule=\"waf-open/regex-timeout\"", metrics, StringComparison.Ordinal);
    }

    [SharedDataFact("crs")]
    public async Task Bombs_AndTenThousandArguments_AreRefused_FailClosed()
    {
        var (origin, gw) = await StartAsync($$"""
                          crs: { path: {{CrsFunctionalTests.CrsPath}} }
            """);
        await using var _ = origin;
        await using var __ = gw;

        var manyArgs = string.Join('&', Enumerable.Range(0, 10_000).Select(i => $"a{i}=v"));
        var deepJson = new string('[', 10_000) + new string(']', 10_000);
        var deepXml = string.Concat(Enumerable.Repeat("<a>", 10_000)) + string.Concat(Enumerable.Repeat("</a>", 10_000));
        var boundary = "b0undary";
        var multipart = new StringBuilder();
        for (var i = 0; i < 5_000; i++)
        {
            multipart.Append($"--{boundary}\r\nContent-Disposition: form-data; name=\"f{i}\"\r\n\r\nx\r\n");
        }

        multipart.Append($"--{boundary}--\r\n");

        async Task<HttpStatusCode> Post(string body, string type)
        {
            using var content = new StringContent(body, Encoding.UTF8);
            content.Headers.ContentType = System.Net.Http.Headers.MediaTypeHeaderValue.Parse(type);
            return (await gw.Client.PostAsync("/submit", content)).StatusCode;
        }

        Assert.Equal(HttpStatusCode.BadRequest, await Post(manyArgs, "application/x-www-form-urlencoded"));
        Assert.Equal(HttpStatusCode.BadRequest, await Post(deepJson, "application/json"));
        Assert.Equal(HttpStatusCode.BadRequest, await Post(deepXml, "application/xml"));
        Assert.Equal(HttpStatusCode.BadRequest, await Post(multipart.ToString(), $"multipart/form-data; boundary={boundary}"));
        // A query string is bounded by the request line limit first; 1,200 short arguments fit in it.
        Assert.Equal(HttpStatusCode.BadRequest, (await gw.Client.GetAsync("/?" + string.Join('&', Enumerable.Repeat("a=1", 1_200)))).StatusCode);
        Assert.Equal(0, origin.Hits);
    }

    [SharedDataFact("crs")]
    public async Task UnparsableBody_PassesWithOnErrorAllow_AndIsStillLabelled()
    {
        var (origin, gw) = await StartAsync($$"""
                          crs: { path: {{CrsFunctionalTests.CrsPath}}, on_error: allow }
            """);
        await using var _ = origin;
        await using var __ = gw;

        using var content = new StringContent("{\"broken\": [1, 2", Encoding.UTF8, "application/json");
        var response = await gw.Client.PostAsync("/api", content);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(1, origin.Hits);

        // Allowed, not unseen: the body-parser failure rule (200002) is in the request's labels in the access log.
        Assert.True(origin.Received.Single().Headers.TryGetValue("X-Request-Id", out var id));
        var log = Path.Combine(gw.Host.DataDirectory, "access.log");
        await Eventually.TrueAsync(() => File.Exists(log) && File.ReadAllText(log).Contains(id, StringComparison.Ordinal), "the request is logged");
        using var line = System.Text.Json.JsonDocument.Parse(File.ReadAllLines(log).Single(l => l.Contains(id, StringComparison.Ordinal)));
        var labels = line.RootElement.GetProperty("labels").EnumerateArray().Select(l => l.GetString()).ToList();
        Assert.Contains("rempart:crs:rule:200002", labels);
        Assert.NotEqual("block", line.RootElement.GetProperty("waf_verdict").GetString());
    }
}
