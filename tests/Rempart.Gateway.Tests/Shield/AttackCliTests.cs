using Rempart.Gateway.Shield;
using Rempart.Gateway.Shield.Detection;
using Rempart.Gateway.Tests.Infrastructure;

namespace Rempart.Gateway.Tests.Shield;

/// <summary>`rempart attacks` and `rempart under-attack` with the real executable against a running gateway.</summary>
public sealed class AttackCliTests
{
    [Fact]
    public async Task Attacks_PrintsATable_Show_PrintsDetail_UnderAttack_Switches()
    {
        await using var origin = await TestOrigin.StartAsync();
        await using var gateway = await TestGateway.StartAsync($$"""
            origins: { app: { targets: ["{{origin.Url}}"] } }
            routes:
              - { name: app, match: { hosts: ["*"], paths: ["/"] }, origin: app, web_acl: none }
            """);
        var started = DateTimeOffset.UtcNow.AddMinutes(-3);
        var report = new AttackReport
        {
            Id = "019b0000aaaabbbbcccc",
            Route = "app",
            StartedAt = started,
            EndedAt = started.AddSeconds(95),
            Vectors = ["request_flood_distributed", "cache_busting"],
            Triggers = ["request rate 900/s above 50/s (baseline 10/s)"],
            Baseline = new AttackBaseline(10, 0, 12, 40),
            PeakRequestsPerSecond = 900,
            TotalRequests = 50_000,
            Dropped = 0,
            Challenged = 48_000,
            Passed = 2_000,
            TopContributors = new AttackContributors([new Contributor("198.51.100.7", 3000)], [new Contributor("198.51.100.0/24", 20000)], [], [], [new Contributor("curl/8", 45000)], [new Contributor("/search", 49000)]),
            Mitigations = [new MitigationRecord { Kind = "source_ips", Action = "challenge", Applied = true, Values = ["198.51.100.7"], ValueCount = 60, BaselineShare = 0, At = started.AddSeconds(2) },
                           new MitigationRecord { Kind = "prefixes", Action = "challenge", Applied = false, Values = ["198.51.100.0/24"], ValueCount = 1, BaselineShare = 0.5, At = started.AddSeconds(2) }],
        };
        await gateway.Host.Store.PutAttackAsync(AttackRecorder.ToRecord(report));
        var admin = gateway.Host.AdminAddress!.ToString();
        var token = File.ReadAllText(Path.Combine(gateway.Host.DataDirectory, "admin.token")).Trim();

        var table = await RempartProcess.RunAsync(gateway.Directory, "attacks", "--admin", admin, "--token", token);
        var detail = await RempartProcess.RunAsync(gateway.Directory, "attacks", "show", report.Id, "--admin", admin, "--token", token);
        var on = await RempartProcess.RunAsync(gateway.Directory, "under-attack", "on", "--route", "app", "--admin", admin, "--token", token);
        var missing = await RempartProcess.RunAsync(gateway.Directory, "attacks", "show", "nope", "--admin", admin, "--token", token);

        Assert.Equal(0, table.ExitCode);
        var lines = table.Stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.StartsWith("ID", lines[0], StringComparison.Ordinal);
        Assert.Contains("019b0000aaaabbbbcccc  app", lines[1], StringComparison.Ordinal);
        Assert.Contains("1m35s", lines[1], StringComparison.Ordinal);
        Assert.Contains("challenge source_ips(60)", lines[1], StringComparison.Ordinal);
        Assert.Equal(0, detail.ExitCode);
        Assert.Contains("top ips: 198.51.100.7 (3000)", detail.Stdout, StringComparison.Ordinal);
        Assert.Contains("mitigation prefixes → challenge: rejected", detail.Stdout, StringComparison.Ordinal);
        Assert.Equal(0, on.ExitCode);
        Assert.True(gateway.Host.Attacks.UnderAttack(gateway.Host.Attacks.Detector.For("app")!));
        Assert.Equal(1, missing.ExitCode);
    }
}
