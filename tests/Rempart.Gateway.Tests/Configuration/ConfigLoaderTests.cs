using Rempart.Gateway.Configuration;

namespace Rempart.Gateway.Tests.Configuration;

public class ConfigLoaderTests
{
    private const string Smallest = """
        listen: ["http://127.0.0.1:8080"]
        admin: { listen: "http://127.0.0.1:9901" }
        data_dir: ./rempart-data
        origins:
          app:
            targets: ["http://127.0.0.1:3000"]
        routes:
          - match: { hosts: ["*"], paths: ["/"] }
            origin: app
            web_acl: default      # built-in: Rempart's managed rule groups; `none` turns the WAF off
            cache: default        # built-in: honour the origin's cache headers; `disabled` bypasses
        """;

    private static ConfigLoadResult Load(string yaml) => ConfigLoader.LoadText(yaml, "rempart.yaml", Path.GetTempPath());

    [Fact]
    public void SmallestConfig_FromDesign_IsValidAsWritten()
    {
        var result = Load(Smallest);

        Assert.True(result.IsValid, string.Join("\n", result.Errors));
        var config = result.Config!;
        Assert.Equal("http://127.0.0.1:3000", config.Origins["app"].Targets[0]);
        Assert.Equal("default", config.Routes[0].WebAcl);
        Assert.Equal("default", config.Routes[0].Cache);
        Assert.Equal(TimeSpan.FromSeconds(5), config.Origins["app"].ConnectTimeout);
    }

    [Fact]
    public void ReadmeExample_IsValid()
    {
        var readme = File.ReadAllText(Path.Combine(Infrastructure.TestPaths.RepoRoot, "README.md"));
        var start = readme.IndexOf("```yaml", StringComparison.Ordinal);
        Assert.True(start >= 0, "README has a yaml example");
        var end = readme.IndexOf("```", start + 7, StringComparison.Ordinal);
        var yaml = readme[(start + 7)..end];

        var result = Load(yaml);

        // The example names certificate files an operator has; only those may be missing here.
        Assert.All(result.Errors, e => Assert.Contains("certificate", e.Message, StringComparison.Ordinal));
    }

    [Fact]
    public void MalformedYaml_ReportsLineAndColumn()
    {
        var result = Load("origins:\n  app:\n    targets: [\"http://a\"\nroutes: []\n");

        var error = Assert.Single(result.Errors);
        Assert.Equal("rempart.yaml", error.File);
        Assert.True(error.Line >= 3, error.ToString());
        Assert.Contains("not valid YAML", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void UnknownKey_SuggestsTheClosest()
    {
        var result = Load(Smallest.Replace("routes:", "rootes:", StringComparison.Ordinal));

        Assert.Contains(result.Errors, e => e.Message.Contains("unknown key 'rootes'", StringComparison.Ordinal) && e.Fix == "did you mean 'routes'?" && e.Line == 7);
    }

    [Fact]
    public void WrongTypesAndBadValues_AreAllReportedAtOnce()
    {
        var yaml = """
            listen: ["http://127.0.0.1:8080"]
            origins:
              app:
                targets: ["http://127.0.0.1:3000"]
                connect_timeout: fast
                retry: maybe
                load_balancing: random
                health_check:
                  passive: { consecutive_failures: many }
            routes:
              - match: { paths: ["/"] }
                origin: app
            """;

        var result = Load(yaml);

        Assert.Equal(4, result.Errors.Count);
        Assert.Contains(result.Errors, e => e.Path == "origins.app.connect_timeout" && e.Line == 5 && e.Fix!.Contains("30s", StringComparison.Ordinal));
        Assert.Contains(result.Errors, e => e.Path == "origins.app.retry" && e.Line == 6);
        Assert.Contains(result.Errors, e => e.Path == "origins.app.load_balancing" && e.Fix!.Contains("round_robin", StringComparison.Ordinal));
        Assert.Contains(result.Errors, e => e.Path == "origins.app.health_check.passive.consecutive_failures" && e.Line == 9);
    }

    [Fact]
    public void RouteNamingMissingOrigin_SaysWhichAndSuggests()
    {
        var result = Load(Smallest.Replace("origin: app", "origin: apq", StringComparison.Ordinal));

        var error = Assert.Single(result.Errors);
        Assert.Equal("routes[0].origin", error.Path);
        Assert.Equal(9, error.Line);
        Assert.Equal("did you mean 'app'?", error.Fix);
        Assert.StartsWith("rempart.yaml:9:", error.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void SemanticErrors_AreAllReported()
    {
        var yaml = """
            listen: ["http://127.0.0.1:8080", "ftp://x", "https://0.0.0.0:8443"]
            client_ip: { trusted_proxies: ["10.0.0.0/8", "not-a-cidr"] }
            origins:
              app:
                targets: ["127.0.0.1:3000"]
              group:
                failover: { primary: app, secondary: nope, statuses: [200] }
            routes:
              - match: { hosts: ["bad host!"], paths: ["api"] }
                origin: app
                web_acl: strict
                cache: sometimes
            """;

        var result = Load(yaml);

        var paths = result.Errors.Select(e => e.Path).ToList();
        Assert.Contains("listen[1]", paths);
        Assert.Contains("listen[2]", paths); // https without a certificate
        Assert.Contains("client_ip.trusted_proxies[1]", paths);
        Assert.Contains("origins.app.targets[0]", paths);
        Assert.Contains("origins.group.failover.secondary", paths);
        Assert.Contains("origins.group.failover.statuses[0]", paths);
        Assert.Contains("routes[0].match.hosts[0]", paths);
        Assert.Contains("routes[0].match.paths[0]", paths);
        Assert.Contains("routes[0].web_acl", paths);
        Assert.Contains("routes[0].cache", paths);
        Assert.All(result.Errors, e => Assert.True(e.Line > 0, e.ToString()));
    }

    [Fact]
    public void MissingRequiredSections_AreNamed()
    {
        var result = Load("listen: [\"http://127.0.0.1:8080\"]\n");

        Assert.Contains(result.Errors, e => e.Message.Contains("'origins' is missing", StringComparison.Ordinal));
        Assert.Contains(result.Errors, e => e.Message.Contains("'routes' is missing", StringComparison.Ordinal));
    }

    [Fact]
    public void FutureSection_IsRefusedNotIgnored()
    {
        var result = Load(Smallest + "\ncluster: { peers: [\"10.0.0.2\"] }\n");

        Assert.Contains(result.Errors, e => e.Path == "cluster" && e.Message.Contains("not supported", StringComparison.Ordinal));
    }

    [Fact]
    public void DuplicateKeys_AreReported()
    {
        var result = Load(Smallest + "\ndata_dir: ./other\n");

        var error = Assert.Single(result.Errors);
        Assert.Contains("Duplicate key data_dir", error.Message, StringComparison.Ordinal);
        Assert.Equal(12, error.Line);
    }

    [Fact]
    public void UnreadableCertificate_IsAConfigError()
    {
        var yaml = Smallest.Replace("listen: [\"http://127.0.0.1:8080\"]", "listen: [\"https://127.0.0.1:8443\"]\ntls: { certificates: [ { cert_file: /nonexistent/cert.pem, key_file: /nonexistent/key.pem } ] }", StringComparison.Ordinal);

        var result = Load(yaml);

        var error = Assert.Single(result.Errors);
        Assert.Equal("tls.certificates[0].cert_file", error.Path);
        Assert.Contains("cannot load the certificate", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("250ms", 250)]
    [InlineData("30s", 30_000)]
    [InlineData("5m", 300_000)]
    [InlineData("1h30m", 5_400_000)]
    [InlineData("2d", 172_800_000)]
    public void Durations_Parse(string text, long ms)
    {
        Assert.True(Duration.TryParse(text, out var value));
        Assert.Equal(ms, (long)value.TotalMilliseconds);
    }

    [Theory]
    [InlineData("30")]
    [InlineData("5 minutes")]
    [InlineData("")]
    [InlineData("-1s")]
    public void Durations_WithoutAKnownUnit_AreRefused(string text) => Assert.False(Duration.TryParse(text, out _));

    [Theory]
    [InlineData("512", 512)]
    [InlineData("16KiB", 16_384)]
    [InlineData("10MiB", 10_485_760)]
    [InlineData("1GiB", 1_073_741_824)]
    [InlineData("2KB", 2_000)]
    public void Sizes_Parse(string text, long bytes)
    {
        Assert.True(ByteSize.TryParse(text, out var size));
        Assert.Equal(bytes, size.Bytes);
    }

    [Fact]
    public void Schema_DescribesEveryTopLevelKey()
    {
        using var schema = System.Text.Json.JsonDocument.Parse(ConfigSchemaWriter.Write());
        var properties = schema.RootElement.GetProperty("properties");

        foreach (var key in ConfigTypeInfo.For(typeof(GatewayConfig)).Keys.Keys)
        {
            Assert.True(properties.TryGetProperty(key, out var p), key);
            Assert.True(p.TryGetProperty("description", out _), key);
        }

        Assert.False(schema.RootElement.GetProperty("additionalProperties").GetBoolean());
        Assert.Equal("#/$defs/OriginConfig", properties.GetProperty("origins").GetProperty("additionalProperties").GetProperty("$ref").GetString());
        Assert.Equal("round_robin", schema.RootElement.GetProperty("$defs").GetProperty("OriginConfig").GetProperty("properties").GetProperty("load_balancing").GetProperty("enum")[0].GetString());
    }
}
