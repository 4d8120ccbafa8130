using Microsoft.Extensions.Time.Testing;
using Rempart.Gateway.Shield.Detection;
using Rempart.Gateway.Shield.Mitigation;

namespace Rempart.Gateway.Tests.Shield;

public sealed class RouteMonitorTests
{
    private static readonly DetectionSettings Fast = new() { RateFloor = 50, TriggerSeconds = 2, QuietPeriod = TimeSpan.FromSeconds(5), BaselineWindow = TimeSpan.FromMinutes(5), MaxSources = 1000 };

    private static (RouteMonitor, DetectionTraffic) Start(DetectionSettings? detection = null, MitigationSettings? mitigation = null)
    {
        var time = new FakeTimeProvider(new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero));
        var monitor = new RouteMonitor("app", detection ?? Fast, mitigation ?? new MitigationSettings());
        return (monitor, new DetectionTraffic(monitor, time));
    }

    [Fact]
    public void SteadyTraffic_NeverOpensAnAttack()
    {
        var (monitor, traffic) = Start();
        traffic.Normal(120);
        Assert.False(monitor.AttackOpen);
    }

    [Fact]
    public void HeavySource_OpensAfterTriggerSeconds_FewSources_AndSignatureSparesBaseline()
    {
        var (monitor, traffic) = Start();
        traffic.Normal(30);
        var heavy = DetectionTraffic.Ip("203.0.113.9");
        var attack = DetectionTraffic.Legit().Append((heavy, 400)).ToList();

        Assert.Null(traffic.Second(attack));
        var started = traffic.Second(attack);

        Assert.NotNull(started);
        Assert.Equal(AttackChangeKind.Started, started!.Kind);
        Assert.Contains("request_flood_few_sources", started.Report.Vectors);
        var ips = Assert.Single(started.Report.Mitigations, m => m.Kind == "source_ips");
        Assert.True(ips.Applied);
        Assert.Equal(["203.0.113.9"], ips.Values);
        Assert.Equal(0, ips.BaselineShare);

        // Enforced from the next request on: the heavy source is challenged, the legit ones pass.
        var now = DateTimeOffset.UtcNow;
        Assert.Equal(MitigationVerdict.Challenge, monitor.Check(new RequestKey(heavy, "x", null, 0), now.AddYears(1)));
        Assert.Equal(MitigationVerdict.None, monitor.Check(new RequestKey(DetectionTraffic.Ip("10.0.0.3"), "Mozilla/5.0", null, 7), now.AddYears(1)));
    }

    [Fact]
    public void DistributedFlood_IsDistributed_AndPrefixSignatureRejectedWhenItWouldHitBaselineClients()
    {
        var (monitor, traffic) = Start(mitigation: new MitigationSettings { SourceRateFloor = 10 });
        // Baseline clients share 10.0.0.0/24 with the attackers, so the prefix would hit all of them.
        traffic.Normal(30);
        var attackers = Enumerable.Range(100, 60).Select(i => (DetectionTraffic.Ip($"10.0.0.{i}"), 15)).ToList();
        var second = DetectionTraffic.Legit().Concat(attackers).ToList();
        traffic.Second(second);
        var started = traffic.Second(second)!;

        Assert.Contains("request_flood_distributed", started.Report.Vectors);
        var prefix = Assert.Single(started.Report.Mitigations, m => m.Kind == "prefixes");
        Assert.False(prefix.Applied);
        Assert.Equal(1.0, prefix.BaselineShare);
        var ips = Assert.Single(started.Report.Mitigations, m => m.Kind == "source_ips");
        Assert.True(ips.Applied);
        Assert.Equal(60, ips.ValueCount);
        Assert.DoesNotContain(monitor.Mitigations, m => m.Kind == SignatureKind.Prefixes);
    }

    [Fact]
    public void CacheBusting_RandomQueries_AreClassified()
    {
        var (_, traffic) = Start();
        traffic.Normal(20);
        var attackers = Enumerable.Range(1, 40).Select(i => (DetectionTraffic.Ip($"198.51.100.{i}"), 10)).ToList();
        var n = 0;
        TrafficObservation Busting(UInt128 source, int i) => source >> 8 == DetectionTraffic.Ip("198.51.100.0") >> 8
            ? DetectionTraffic.Request(source, "/product", query: $"v={n++}")
            : DetectionTraffic.Request(source);
        traffic.Second(DetectionTraffic.Legit().Concat(attackers), Busting);
        var started = traffic.Second(DetectionTraffic.Legit().Concat(attackers), Busting)!;

        Assert.Contains("cache_busting", started.Report.Vectors);
        Assert.Equal("/product", started.Report.TopContributors.Paths[0].Value);
    }

    [Fact]
    public void WafSpike_IsACampaign_EvenAtNormalRate()
    {
        var (_, traffic) = Start();
        traffic.Normal(20);
        TrafficObservation Sqli(UInt128 source, int i) => DetectionTraffic.Request(source, waf: i == 0 ? WafSignal.Sqli : WafSignal.None, status: 403);
        traffic.Second(DetectionTraffic.Legit(), Sqli);
        var started = traffic.Second(DetectionTraffic.Legit(), Sqli)!;

        Assert.Equal(["waf_campaign"], started.Report.Vectors.Where(v => v == "waf_campaign"));
        Assert.Contains(started.Report.Triggers, t => t.StartsWith("WAF matches 20/s", StringComparison.Ordinal));
    }

    [Fact]
    public void OriginErrors_AboveFloor_OpenAnAttack()
    {
        var (_, traffic) = Start();
        traffic.Normal(20, clients: 20, each: 2);
        traffic.Second(DetectionTraffic.Legit(), (s, i) => DetectionTraffic.Request(s, status: 503));
        var started = traffic.Second(DetectionTraffic.Legit(), (s, i) => DetectionTraffic.Request(s, status: 503));
        Assert.NotNull(started);
        Assert.Contains(started!.Report.Triggers, t => t.StartsWith("origin errors 40/s", StringComparison.Ordinal));
    }

    [Fact]
    public void BelowFloor_AFactorAboveBaselineIsNotAnAttack()
    {
        var (monitor, traffic) = Start();
        traffic.Normal(30, clients: 2, each: 1);
        // 20× the baseline but under the 50 req/s floor.
        for (var i = 0; i < 5; i++)
        {
            traffic.Second([(DetectionTraffic.Ip("203.0.113.1"), 40)]);
        }

        Assert.False(monitor.AttackOpen);
    }

    [Fact]
    public void Attack_ClosesAfterQuietPeriod_AndRemovesMitigations_WithCounts()
    {
        var (monitor, traffic) = Start();
        traffic.Normal(30);
        var heavy = DetectionTraffic.Ip("203.0.113.9");
        var attack = DetectionTraffic.Legit().Append((heavy, 300)).ToList();
        traffic.Second(attack);
        traffic.Second(attack);
        for (var i = 0; i < 5; i++)
        {
            traffic.Second(attack, enforce: true);
        }

        Assert.True(monitor.AttackOpen);
        Assert.NotEmpty(monitor.Mitigations);
        for (var i = 0; i < 4; i++)
        {
            Assert.Null(traffic.Second(DetectionTraffic.Legit()));
        }

        var ended = traffic.Second(DetectionTraffic.Legit())!;
        Assert.Equal(AttackChangeKind.Ended, ended.Kind);
        Assert.NotNull(ended.Report.EndedAt);
        Assert.False(monitor.AttackOpen);
        Assert.Empty(monitor.Mitigations);
        Assert.Equal(5 * 300, ended.Report.Challenged);
        Assert.Equal(2 * 340 + 5 * 340 + 5 * 40, ended.Report.TotalRequests);
        Assert.Equal(340, ended.Report.PeakRequestsPerSecond);
        Assert.Equal("203.0.113.9", ended.Report.TopContributors.Ips[0].Value);
        Assert.NotNull(Assert.Single(ended.Report.Mitigations).RemovedAt);
    }

    [Fact]
    public void CountFirst_CountsThenEnforces()
    {
        var (monitor, traffic) = Start(mitigation: new MitigationSettings { Action = MitigationAction.Block, CountFor = TimeSpan.FromSeconds(3) });
        traffic.Normal(30);
        var heavy = DetectionTraffic.Ip("203.0.113.9");
        var attack = DetectionTraffic.Legit().Append((heavy, 300)).ToList();
        traffic.Second(attack);
        var started = traffic.Second(attack)!;
        var applied = started.Report.Mitigations.Single();
        var key = new RequestKey(heavy, "x", null, 0);

        Assert.Equal(MitigationVerdict.Count, monitor.Check(key, applied.At.AddSeconds(1)));
        Assert.Equal(MitigationVerdict.Block, monitor.Check(key, applied.At.AddSeconds(3)));
    }

    [Fact]
    public void RateLimitAction_LetsEachSourceItsShare()
    {
        var (monitor, traffic) = Start(mitigation: new MitigationSettings { Action = MitigationAction.RateLimit, RateLimit = 3 });
        traffic.Normal(30);
        var heavy = DetectionTraffic.Ip("203.0.113.9");
        var attack = DetectionTraffic.Legit().Append((heavy, 300)).ToList();
        traffic.Second(attack);
        traffic.Second(attack);
        var key = new RequestKey(heavy, "x", null, 0);
        var verdicts = Enumerable.Range(0, 10).Select(_ => monitor.Check(key, DateTimeOffset.MaxValue)).ToList();

        Assert.Equal(3, verdicts.Count(v => v == MitigationVerdict.None));
        Assert.Equal(7, verdicts.Count(v => v == MitigationVerdict.RateLimited));
    }

    [Fact]
    public void UnderAttackMode_Automatic_WhenRequestsStillPass()
    {
        // The flood comes from the baseline's own clients: every signature would hit them, none is applied, requests keep passing.
        var (monitor, traffic) = Start(mitigation: new MitigationSettings { UnderAttackAutomatic = true, UnderAttackAfter = TimeSpan.FromSeconds(2) });
        traffic.Normal(30);
        var flood = DetectionTraffic.Legit(clients: 20, each: 30).ToList();
        traffic.Second(flood);
        var started = traffic.Second(flood)!;
        Assert.Equal(AttackChangeKind.Started, started.Kind);
        Assert.False(Assert.Single(started.Report.Mitigations).Applied);
        Assert.False(monitor.UnderAttack);
        Assert.Null(traffic.Second(flood, enforce: true));
        var escalated = traffic.Second(flood, enforce: true);

        Assert.NotNull(escalated);
        Assert.Equal(AttackChangeKind.MitigationChanged, escalated!.Kind);
        Assert.True(escalated.Report.UnderAttackMode);
        Assert.True(monitor.UnderAttack);
    }

    [Fact]
    public void MillionsOfDistinctSources_KeepTablesBounded()
    {
        var (monitor, traffic) = Start(detection: Fast with { MaxSources = 2000 });
        traffic.Normal(10);
        var n = 0u;
        IEnumerable<(UInt128, int)> Fresh(int count)
        {
            for (var i = 0; i < count; i++)
            {
                yield return (((UInt128)0x2001_0db8 << 96) | n++, 1);
            }
        }

        var peak = 0;
        for (var s = 0; s < 20; s++)
        {
            traffic.Second(Fresh(100_000));
            peak = Math.Max(peak, monitor.TrackedEntries);
        }

        Assert.True(monitor.AttackOpen);
        Assert.Equal(2_000_000u, n);
        // Per-second table + recent tables + known clients + attack tables, each capped near MaxSources.
        Assert.InRange(peak, 1, 2000 * 8);
    }

    [Fact]
    public void SlowClientTimeouts_InOneBurst_OpenATransportAttack_ClosedAfterQuiet()
    {
        var (monitor, traffic) = Start();
        traffic.Normal(10);
        // 200 slow connections opened together time out together: one burst, then nothing.
        for (var i = 0; i < 200; i++)
        {
            monitor.RecordTransport(slow: true, DetectionTraffic.Ip($"198.51.100.{i % 50}"));
        }

        // Connections Kestrel closed itself come without an address: counted, never a signature value.
        for (var i = 0; i < 20; i++)
        {
            monitor.RecordTransport(slow: true, UInt128.Zero);
        }

        Assert.Null(traffic.Second([]));
        var started = traffic.Second([]);

        Assert.NotNull(started);
        Assert.Equal(["slow_clients"], started!.Report.Vectors);
        Assert.Contains("220 slow-client", started.Report.Triggers[0], StringComparison.Ordinal);
        // Four timeouts per address are under the source floor, and the unknown address is never a value.
        Assert.Empty(started.Report.Mitigations);
        Assert.DoesNotContain(started.Report.TopContributors.Ips, c => c.Value == "::");
        for (var i = 0; i < 12 && monitor.AttackOpen; i++)
        {
            traffic.Second([]);
        }

        Assert.False(monitor.AttackOpen);
    }
}
