namespace Rempart.Gateway.Configuration.Shield;

/// <summary>Range checks for <c>shield.detection</c>, <c>shield.mitigation</c> and <c>shield.under_attack</c>, each at its file:line.</summary>
public static class AttackProtectionConfigValidator
{
    public static void Validate(ShieldConfig shield, SourceMap map, List<ConfigError> errors)
    {
        var d = shield.Detection;
        const string dp = "shield.detection";
        AtLeast(map, errors, $"{dp}.rate_factor", d.RateFactor, 1, "a factor below 1 would call normal traffic an attack");
        AtLeast(map, errors, $"{dp}.rate_floor", d.RateFloor, 1, "e.g. 50");
        AtLeast(map, errors, $"{dp}.error_factor", d.ErrorFactor, 1, "e.g. 4");
        AtLeast(map, errors, $"{dp}.error_floor", d.ErrorFloor, 1, "e.g. 20");
        AtLeast(map, errors, $"{dp}.latency_factor", d.LatencyFactor, 1, "e.g. 4");
        Positive(map, errors, $"{dp}.latency_floor", d.LatencyFloor, "1s");
        AtLeast(map, errors, $"{dp}.waf_match_factor", d.WafMatchFactor, 1, "e.g. 4");
        AtLeast(map, errors, $"{dp}.waf_match_floor", d.WafMatchFloor, 1, "e.g. 10");
        AtLeast(map, errors, $"{dp}.transport_floor", d.TransportFloor, 1, "e.g. 50");
        AtLeast(map, errors, $"{dp}.trigger_seconds", d.TriggerSeconds, 1, "1 to 5; each second adds to the time to detect");
        if (d.TriggerSeconds > 60)
        {
            errors.Add(map.Error($"{dp}.trigger_seconds", $"{d.TriggerSeconds} seconds would leave a flood unanswered for over a minute", "use 1 to 5"));
        }

        WholeSeconds(map, errors, $"{dp}.quiet_period", d.QuietPeriod, "30s");
        WholeSeconds(map, errors, $"{dp}.baseline_window", d.BaselineWindow, "10m");
        AtLeast(map, errors, $"{dp}.few_sources", d.FewSources, 1, "e.g. 10");
        AtLeast(map, errors, $"{dp}.max_sources", d.MaxSources, 100, "e.g. 10000; it bounds memory per route");
        if (d.MaxSources > 1_000_000)
        {
            errors.Add(map.Error($"{dp}.max_sources", $"{d.MaxSources} entries per table per route would use gigabytes under a distributed flood", "use at most 1000000"));
        }

        var m = shield.Mitigation;
        const string mp = "shield.mitigation";
        NotNegative(map, errors, $"{mp}.count_for", m.CountFor, "0s enforces at once");
        AtLeast(map, errors, $"{mp}.rate_limit", m.RateLimit, 1, "requests per second per source, e.g. 5");
        Share(map, errors, $"{mp}.max_baseline_share", m.MaxBaselineShare);
        AtLeast(map, errors, $"{mp}.source_rate_floor", m.SourceRateFloor, 1, "e.g. 10");
        AtLeast(map, errors, $"{mp}.source_factor", m.SourceFactor, 1, "e.g. 4");
        Share(map, errors, $"{mp}.dominant_share", m.DominantShare);
        if (m.DominantShare <= 0.5)
        {
            errors.Add(map.Error($"{mp}.dominant_share", $"{m.DominantShare} would let a value that carries a minority of the traffic become a signature", "use more than 0.5, e.g. 0.6"));
        }

        var u = shield.UnderAttack;
        const string up = "shield.under_attack";
        WholeSeconds(map, errors, $"{up}.after", u.After, "5s");
        if (u.ChallengeDifficulty is < 1 or > 24)
        {
            errors.Add(map.Error($"{up}.challenge_difficulty", $"{u.ChallengeDifficulty} bits is outside 1–24", "use 12 to 18; each bit doubles a browser's work"));
        }

        Positive(map, errors, $"{up}.immunity", u.Immunity, "30m");
    }

    private static void AtLeast(SourceMap map, List<ConfigError> errors, string path, double value, double min, string fix)
    {
        if (double.IsNaN(value) || double.IsInfinity(value) || value < min)
        {
            errors.Add(map.Error(path, $"{value} is too small (at least {min})", fix));
        }
    }

    private static void Share(SourceMap map, List<ConfigError> errors, string path, double value)
    {
        if (double.IsNaN(value) || value is < 0 or > 1)
        {
            errors.Add(map.Error(path, $"{value} is not a share", "write a number from 0 to 1, e.g. 0.05 for 5%"));
        }
    }

    private static void Positive(SourceMap map, List<ConfigError> errors, string path, TimeSpan value, string example)
    {
        if (value <= TimeSpan.Zero)
        {
            errors.Add(map.Error(path, "the duration must be greater than zero", $"write e.g. {example}"));
        }
    }

    private static void NotNegative(SourceMap map, List<ConfigError> errors, string path, TimeSpan value, string fix)
    {
        if (value < TimeSpan.Zero)
        {
            errors.Add(map.Error(path, "the duration cannot be negative", fix));
        }
    }

    private static void WholeSeconds(SourceMap map, List<ConfigError> errors, string path, TimeSpan value, string example)
    {
        if (value < TimeSpan.FromSeconds(1))
        {
            errors.Add(map.Error(path, "detection works on one-second buckets; this must be at least 1s", $"write e.g. {example}"));
        }
    }
}
