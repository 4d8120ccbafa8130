using Rempart.Gateway.Configuration;
using Rempart.Gateway.Shield.Mitigation;

namespace Rempart.Gateway.Tests.Shield;

/// <summary>shield.detection / mitigation / under_attack: defaults without a section, binding, and errors at file:line with a fix.</summary>
public sealed class AttackConfigTests
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
    public void NoShieldSection_DetectsAndMitigatesByDefault()
    {
        var result = Load(Base);

        Assert.True(result.IsValid, string.Join("\n", result.Errors));
        var s = result.Config!.Shield;
        Assert.True(s.Detection.Enabled);
        Assert.True(s.Mitigation.Enabled);
        Assert.Equal(MitigationAction.Challenge, s.Mitigation.Action);
        Assert.False(s.UnderAttack.Enabled);
        Assert.False(s.UnderAttack.Automatic);
    }

    [Fact]
    public void Sections_Bind()
    {
        var result = Load(Base + """

            shield:
              detection: { rate_factor: 3, rate_floor: 100, quiet_period: 10s, max_sources: 5000 }
              mitigation: { action: rate_limit, rate_limit: 2, count_for: 5s, max_baseline_share: 0.01 }
              under_attack: { automatic: true, after: 3s }
            """);

        Assert.True(result.IsValid, string.Join("\n", result.Errors));
        var s = result.Config!.Shield;
        Assert.Equal(3, s.Detection.RateFactor);
        Assert.Equal(TimeSpan.FromSeconds(10), s.Detection.QuietPeriod);
        Assert.Equal(MitigationAction.RateLimit, s.Mitigation.Action);
        Assert.Equal(TimeSpan.FromSeconds(5), s.Mitigation.CountFor);
        Assert.True(s.UnderAttack.Automatic);
    }

    [Fact]
    public void BadValues_AreAllReportedAtTheirLine_WithAFix()
    {
        var result = Load(Base + """

            shield:
              detection:
                rate_factor: 0.5
                quiet_period: 0s
                max_sources: 10
              mitigation:
                action: drop
                max_baseline_share: 2
              under_attack:
                challenge_difficulty: 40
            """);

        Assert.False(result.IsValid);
        var errors = result.Errors.Select(e => e.ToString()).ToList();
        Assert.Contains(errors, e => e.Contains("rempart.yaml:9:", StringComparison.Ordinal) && e.Contains("shield.detection.rate_factor", StringComparison.Ordinal));
        Assert.Contains(errors, e => e.Contains("rempart.yaml:10:", StringComparison.Ordinal) && e.Contains("at least 1s", StringComparison.Ordinal));
        Assert.Contains(errors, e => e.Contains("rempart.yaml:11:", StringComparison.Ordinal) && e.Contains("max_sources", StringComparison.Ordinal));
        Assert.Contains(errors, e => e.Contains("rempart.yaml:13:", StringComparison.Ordinal) && e.Contains("'drop' is not a valid value", StringComparison.Ordinal));
        Assert.Contains(errors, e => e.Contains("rempart.yaml:14:", StringComparison.Ordinal) && e.Contains("0.05 for 5%", StringComparison.Ordinal));
        Assert.Contains(errors, e => e.Contains("rempart.yaml:16:", StringComparison.Ordinal) && e.Contains("challenge_difficulty", StringComparison.Ordinal));
    }
}
