using System.Text.Json;
using Rempart.Gateway.Tests.Infrastructure;

namespace Rempart.Gateway.Tests.Cli;

/// <summary>`rempart functions test` with the real executable: effects printed, nothing applied, exit codes.</summary>
public class FunctionsCliTests : IDisposable
{
    private readonly string _dir = Path.Combine(Path.GetTempPath(), "rempart-tests", Guid.NewGuid().ToString("N"));

    public FunctionsCliTests()
    {
        Directory.CreateDirectory(_dir);
        File.WriteAllText(Path.Combine(_dir, "rempart.yaml"), """
            origins: { app: { targets: ["http://127.0.0.1:9"] } }
            routes:
              - { name: site, match: { paths: ["/"] }, origin: app }
            functions:
              edge:
                on: viewer_request
                code: |
                  function handler(event) {
                    console.log('saw', event.request.uri);
                    if (event.request.uri === '/old') { return { statusCode: 301, headers: { location: { value: '/new' } } }; }
                    if (event.request.uri === '/spin') { while (true) { } }
                    event.request.headers['x-viewer'] = { value: event.viewer.ip };
                    return event.request;
                  }
            """);
        File.WriteAllText(Path.Combine(_dir, "old.json"), """{ "request": { "method": "GET", "uri": "/old" } }""");
        File.WriteAllText(Path.Combine(_dir, "page.json"), """{ "viewer": { "ip": "203.0.113.9" }, "request": { "uri": "/page" } }""");
        File.WriteAllText(Path.Combine(_dir, "spin.json"), """{ "request": { "uri": "/spin" } }""");
        File.WriteAllText(Path.Combine(_dir, "broken.json"), "{ not json");
    }

    [Fact]
    public async Task FunctionsTest_PrintsEffects_AndExitCodesSayHowItWent()
    {
        var redirect = await RempartProcess.RunAsync(_dir, "functions", "test", "edge", "--event", "old.json");
        var rewrite = await RempartProcess.RunAsync(_dir, "functions", "test", "edge", "--event", "page.json");
        var spin = await RempartProcess.RunAsync(_dir, "functions", "test", "edge", "--event", "spin.json");
        var broken = await RempartProcess.RunAsync(_dir, "functions", "test", "edge", "--event", "broken.json");

        Assert.Equal(0, redirect.ExitCode);
        using (var r = JsonDocument.Parse(redirect.Stdout))
        {
            Assert.Equal("response_sent", r.RootElement.GetProperty("effect").GetString());
            Assert.Equal(301, r.RootElement.GetProperty("response").GetProperty("statusCode").GetInt32());
            Assert.Equal("saw /old", r.RootElement.GetProperty("logs")[0].GetString());
        }

        Assert.Equal(0, rewrite.ExitCode);
        using (var r = JsonDocument.Parse(rewrite.Stdout))
        {
            Assert.Equal("request_rewritten", r.RootElement.GetProperty("effect").GetString());
            Assert.Equal("203.0.113.9", r.RootElement.GetProperty("request").GetProperty("headers").GetProperty("x-viewer").GetProperty("value").GetString());
        }

        Assert.Equal(1, spin.ExitCode);
        using (var r = JsonDocument.Parse(spin.Stdout))
        {
            // Statements or CPU time, whichever the loop meets first on this machine.
            Assert.Equal("limit", r.RootElement.GetProperty("result").GetString());
            Assert.Contains(r.RootElement.GetProperty("limit").GetString(), new[] { "statements", "time" });
        }

        Assert.Equal(2, broken.ExitCode);
    }

    [Fact]
    public async Task FunctionsTest_TheShippedEventExample_BansOnTheThirdDelivery()
    {
        var examples = Path.Combine(TestPaths.RepoRoot, "examples", "functions");
        File.WriteAllText(Path.Combine(_dir, "events.yaml"), $$"""
            origins: { app: { targets: ["http://127.0.0.1:9"] } }
            routes:
              - { name: site, match: { paths: ["/"] }, origin: app }
            functions:
              sqli-ban:
                on: event
                file: {{Path.Combine(examples, "ban-after-three-sqli.js")}}
                subscribe: { types: [request_blocked], labels: ["rempart:managed:sql_database:"] }
            """);
        var once = await RempartProcess.RunAsync(_dir, "functions", "test", "sqli-ban", "--config", "events.yaml", "--event", Path.Combine(examples, "blocked-sqli.json"));
        var thrice = await RempartProcess.RunAsync(_dir, "functions", "test", "sqli-ban", "--config", "events.yaml", "--event", Path.Combine(examples, "blocked-sqli.json"), "--times", "3");

        Assert.True(once.ExitCode == 0, once.Stdout + once.Stderr);
        using (var r = JsonDocument.Parse(once.Stdout))
        {
            Assert.Equal(0, r.RootElement.GetProperty("effects").GetProperty("decisions").GetArrayLength());
            Assert.Equal("blocked SQLi from 203.0.113.7: 1 in the last minute", r.RootElement.GetProperty("logs")[0].GetString());
        }

        Assert.Equal(0, thrice.ExitCode);
        using (var r = JsonDocument.Parse(thrice.Stdout))
        {
            Assert.Equal(3, r.RootElement.GetProperty("run").GetInt32());
            var decision = Assert.Single(r.RootElement.GetProperty("effects").GetProperty("decisions").EnumerateArray());
            Assert.Equal(("203.0.113.7", "ban", "4h"), (decision.GetProperty("scope").GetString(), decision.GetProperty("action").GetString(), decision.GetProperty("duration").GetString()));
        }
    }

    public void Dispose()
    {
        try
        {
            Directory.Delete(_dir, recursive: true);
        }
        catch (IOException)
        {
        }
    }
}
