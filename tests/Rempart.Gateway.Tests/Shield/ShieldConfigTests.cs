using Rempart.Gateway.Configuration;

namespace Rempart.Gateway.Tests.Shield;

/// <summary>The shield: section: defaults without it, explicit opt-out, and errors at file:line with a fix.</summary>
public class ShieldConfigTests
{
    private const string Base = """
        origins:
          app:
            targets: ["http://127.0.0.1:3000"]
        routes:
          - match: { hosts: ["*"], paths: ["/"] }
            origin: app
        """;

    private static ConfigLoadResult Load(string yaml) => ConfigLoader.LoadText(yaml, "rempart.yaml", Path.GetTempPath());

    [Fact]
    public void NoShieldSection_GetsProtectiveDefaults()
    {
        var result = Load(Base);

        Assert.True(result.IsValid, string.Join("\n", result.Errors));
        var t = result.Config!.Shield.Transport;
        Assert.True(t.Enabled);
        Assert.Equal(10_000, t.MaxConnections);
        Assert.Equal(256, t.MaxConnectionsPerIp);
        Assert.Equal(TimeSpan.FromSeconds(10), t.RequestHeadersTimeout);
        Assert.Equal(100L * 1024 * 1024, t.MaxBodySize.Bytes);
        Assert.Equal(100, t.Http2.MaxStreamsPerConnection);
    }

    [Fact]
    public void ShieldSection_BindsAndOffIsExplicit()
    {
        var result = Load(Base + """

            shield:
              transport:
                enabled: false
                max_connections_per_ip: 8
                request_headers_timeout: 3s
                http2: { max_streams_per_connection: 10 }
              origin_protection: { retry_after: 9s, prioritize_trusted: false }
            """);

        Assert.True(result.IsValid, string.Join("\n", result.Errors));
        var s = result.Config!.Shield;
        Assert.False(s.Transport.Enabled);
        Assert.Equal(8, s.Transport.MaxConnectionsPerIp);
        Assert.Equal(TimeSpan.FromSeconds(3), s.Transport.RequestHeadersTimeout);
        Assert.Equal(10, s.Transport.Http2.MaxStreamsPerConnection);
        Assert.Equal(TimeSpan.FromSeconds(9), s.OriginProtection.RetryAfter);
        Assert.False(s.OriginProtection.PrioritizeTrusted);
    }

    [Fact]
    public void Budgets_BindOnOriginsAndRoutes()
    {
        var result = Load("""
            origins:
              app:
                targets: ["http://127.0.0.1:3000"]
                budget: { max_concurrent: 20, max_rate: 100.5 }
            routes:
              - match: { hosts: ["*"], paths: ["/upload"] }
                origin: app
                max_body_size: 1GiB
                budget: { max_concurrent: 2, queue_size: 0, queue_timeout: 500ms }
            """);

        Assert.True(result.IsValid, string.Join("\n", result.Errors));
        Assert.Equal(20, result.Config!.Origins["app"].Budget!.MaxConcurrent);
        Assert.Equal(100.5, result.Config.Origins["app"].Budget!.MaxRate);
        Assert.Equal(1L << 30, result.Config.Routes[0].MaxBodySize!.Value.Bytes);
        Assert.Equal(0, result.Config.Routes[0].Budget!.QueueSize);
        Assert.Equal(TimeSpan.FromMilliseconds(500), result.Config.Routes[0].Budget!.QueueTimeout);
    }

    [Theory]
    [InlineData("shield:\n  transport:\n    max_conections: 5\n", 9, "max_connections")]
    [InlineData("shield:\n  transport:\n    request_headers_timeout: 0s\n", 9, "greater than zero")]
    [InlineData("shield:\n  transport:\n    max_connections: 10\n    max_connections_per_ip: 50\n", 10, "more than max_connections")]
    [InlineData("shield:\n  transport:\n    max_request_headers: 2\n", 9, "too small")]
    [InlineData("shield:\n  transport:\n    keep_alive_timeout: forever\n", 9, "duration")]
    [InlineData("shield:\n  transport:\n    http2: { max_streams_per_connection: 0 }\n", 9, "too small")]
    [InlineData("shield:\n  origin_protection:\n    retry_after: -1s\n", 9, "retry_after")]
    [InlineData("shield:\n  transport:\n    min_data_rate_grace: 1s\n", 9, "longer than 1s")]
    public void InvalidShield_IsReportedAtItsLine(string shield, int line, string expected)
    {
        var result = Load(Base + "\n" + shield);

        Assert.False(result.IsValid);
        var error = Assert.Single(result.Errors);
        Assert.Equal(line, error.Line);
        Assert.Contains(expected, error.ToString(), StringComparison.Ordinal);
        Assert.NotNull(error.Fix);
    }

    [Fact]
    public void BudgetThatLimitsNothing_IsAnError()
    {
        var result = Load("""
            origins:
              app:
                targets: ["http://127.0.0.1:3000"]
                budget: { queue_size: 5 }
            routes:
              - match: { hosts: ["*"], paths: ["/"] }
                origin: app
                budget: { max_rate: -2 }
            """);

        Assert.Equal(2, result.Errors.Count);
        Assert.Contains(result.Errors, e => e.Line == 4 && e.Message.Contains("limits nothing", StringComparison.Ordinal));
        Assert.Contains(result.Errors, e => e.Line == 8 && e.Path == "routes[0].budget.max_rate");
    }
}
