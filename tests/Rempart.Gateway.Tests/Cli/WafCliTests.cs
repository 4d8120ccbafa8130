using System.Net;
using Rempart.Gateway.Configuration;
using Rempart.Gateway.Tests.Infrastructure;

namespace Rempart.Gateway.Tests.Cli;

/// <summary>`rempart waf test`, `rempart waf import` and `rempart explain` on the examples that docs/waf.md shows.</summary>
public sealed class WafCliTests : IDisposable
{
    private readonly string _dir = Path.Combine(Path.GetTempPath(), "rempart-tests", Guid.NewGuid().ToString("N"));
    private static string Examples => Path.Combine(TestPaths.RepoRoot, "examples");

    public WafCliTests() => Directory.CreateDirectory(_dir);

    [Fact]
    public async Task WafTest_ExplainsABlock_RuleByRule()
    {
        var result = await RempartProcess.RunAsync(Examples, "waf", "test", "-c", "waf.yaml", "--acl", "shop", "--",
            "-A", "Mozilla/5.0", "http://shop.example/search?q=1'%20UNION%20SELECT%20password%20FROM%20users--");

        Assert.Equal(0, result.ExitCode);
        Assert.Contains("Verdict: BLOCK by managed-sql/sqli-query", result.Stdout, StringComparison.Ordinal);
        Assert.Contains("field query_argument:q, after decode_all", result.Stdout, StringComparison.Ordinal);
        Assert.Contains("SQL injection, fingerprint", result.Stdout, StringComparison.Ordinal);
    }

    [Fact]
    public async Task WafTest_Expect_FailsOnAnotherVerdict_AndReadsRawRequests()
    {
        var raw = Path.Combine(_dir, "request.http");
        await File.WriteAllTextAsync(raw, "POST /login HTTP/1.1\r\nHost: shop.example\r\nUser-Agent: Mozilla/5.0\r\nContent-Type: application/x-www-form-urlencoded\r\n\r\nuser=alice&pass=s3cret\r\n");

        var allowed = await RempartProcess.RunAsync(Examples, "waf", "test", "-c", "waf.yaml", "--acl", "shop", "--request", raw, "--expect", "allow");
        var wrong = await RempartProcess.RunAsync(Examples, "waf", "test", "-c", "waf.yaml", "--acl", "shop", "--request", raw, "--expect", "block");

        Assert.Equal(0, allowed.ExitCode);
        Assert.Equal(1, wrong.ExitCode);
        Assert.Contains("expected block, got allow", wrong.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task WafImport_TurnsTheAwsExampleIntoValidYaml_AndReportsWhatDidNotMap()
    {
        var output = Path.Combine(_dir, "imported.yaml");

        var result = await RempartProcess.RunAsync(Examples, "waf", "import", "aws-webacl.json", "-o", output);

        Assert.Equal(0, result.ExitCode);
        Assert.Contains("need MaxMind-format databases", result.Stderr, StringComparison.Ordinal);
        Assert.Contains("CAPTCHA has no Rempart equivalent", result.Stderr, StringComparison.Ordinal);
        var yaml = await File.ReadAllTextAsync(output) + """

            origins: { app: { targets: ["http://127.0.0.1:3000"] } }
            routes:
              - match: { paths: ["/"] }
                origin: app
                web_acl: shop-acl
            """;
        var loaded = ConfigLoader.LoadText(yaml, "imported.yaml", _dir);

        // The importer points geo at mmdb files the operator has; here only those may be missing.
        Assert.All(loaded.Errors, e => Assert.StartsWith("geo.", e.Path, StringComparison.Ordinal));
        loaded = ConfigLoader.LoadText(yaml.Replace("geo: { database: GeoLite2-Country.mmdb, asn_database: GeoLite2-ASN.mmdb }", "geo: { database: " + WriteGeoDb() + " }", StringComparison.Ordinal), "imported.yaml", _dir);
        Assert.True(loaded.IsValid, string.Join("\n", loaded.Errors));
        var acl = loaded.Config!.WebAcls["shop-acl"];
        Assert.Equal(7, acl.Rules.Count);
        Assert.Equal(["KP"], acl.Rules[5].Statement.GeoMatch!.CountryCodes);
        Assert.Equal("/admin", acl.Rules[1].Statement.ByteMatch!.StartsWith);
        Assert.Equal(TimeSpan.FromMinutes(5), acl.Rules[3].Statement.RateBased!.Window);
    }

    [Fact]
    public async Task Explain_ShowsWhyABlockedRequestWasBlocked()
    {
        await using var origin = await TestOrigin.StartAsync("app");
        var adminPort = TestPorts.Free();
        var config = Path.Combine(_dir, "rempart.yaml");
        await File.WriteAllTextAsync(config, $$"""
            listen: ["http://127.0.0.1:0"]
            admin: { listen: "http://127.0.0.1:{{adminPort}}" }
            data_dir: ./data
            origins: { app: { targets: ["{{origin.Url}}"] } }
            routes:
              - match: { paths: ["/"] }
                origin: app
            """);
        using var rempart = RempartProcess.Start(_dir, "run", "--config", "rempart.yaml");
        var gateway = await rempart.WaitForGatewayAsync();
        using var client = new HttpClient();
        var blocked = await client.GetAsync(new Uri(gateway, "/?file=../../../../etc/passwd"));
        Assert.Equal(HttpStatusCode.Forbidden, blocked.StatusCode);
        var reference = blocked.Headers.GetValues("X-Request-Id").Single();

        (int ExitCode, string Stdout, string Stderr) explained = default;
        await Eventually.TrueAsync(async () =>
        {
            explained = await RempartProcess.RunAsync(_dir, "explain", reference, "--config", "rempart.yaml");
            return explained.ExitCode == 0;
        }, "the blocked request can be explained");

        Assert.Contains($"Request {reference}", explained.Stdout, StringComparison.Ordinal);
        Assert.Contains("BLOCK by managed-core/path-traversal-query", explained.Stdout, StringComparison.Ordinal);
        Assert.Contains("field query_argument:file", explained.Stdout, StringComparison.Ordinal);
        var unknown = await RempartProcess.RunAsync(_dir, "explain", "no-such-reference", "--config", "rempart.yaml");
        Assert.Equal(1, unknown.ExitCode);
    }

    private string WriteGeoDb()
    {
        var path = Path.Combine(_dir, "geo.mmdb");
        new MmdbWriter().Add("203.0.113.0/24", new() { ["country"] = new Dictionary<string, object> { ["iso_code"] = "KP" } }).Write(path);
        return path;
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
