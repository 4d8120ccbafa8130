namespace Rempart.Gateway.Configuration.Shield;

/// <summary>
/// <c>shield.detection</c>: automatic layer-7 attack detection per route, on one-second buckets
/// against a moving baseline. A measure departs when it is above both its factor times the
/// baseline and its floor; why each default is what it is: docs/shield.md.
/// </summary>
public sealed record DetectionConfig
{
    [ConfigDoc("Attack detection on or off. Off: no attack events and no automatic mitigation (and no header arrival-order observer unless a web ACL reads header_order).")]
    public bool Enabled { get; init; } = true;

    [ConfigDoc("A second's request rate departs above this many times the baseline rate …")]
    public double RateFactor { get; init; } = 4;

    [ConfigDoc("… and above this many requests per second.")]
    public double RateFloor { get; init; } = 50;

    [ConfigDoc("Origin 5xx answers per second depart above this many times their baseline …")]
    public double ErrorFactor { get; init; } = 4;

    [ConfigDoc("… and above this many per second.")]
    public double ErrorFloor { get; init; } = 20;

    [ConfigDoc("Mean origin latency of a second departs above this many times its baseline …")]
    public double LatencyFactor { get; init; } = 4;

    [ConfigDoc("… and above this latency (with at least 10 answered requests in the second).")]
    public TimeSpan LatencyFloor { get; init; } = TimeSpan.FromSeconds(1);

    [ConfigDoc("WAF matches per second (SQL injection, XSS, scanners, other blocks) depart above this many times their baseline …")]
    public double WafMatchFactor { get; init; } = 4;

    [ConfigDoc("… and above this many per second.")]
    public double WafMatchFloor { get; init; } = 10;

    [ConfigDoc("Transport limit hits per second (connection caps, header and body timeouts) that open a transport attack event.")]
    public double TransportFloor { get; init; } = 50;

    [ConfigDoc("Consecutive departing seconds before an attack event opens (detection takes this many seconds plus at most one).")]
    public int TriggerSeconds { get; init; } = 2;

    [ConfigDoc("Calm seconds in a row after which an attack event closes and its mitigations are removed.")]
    public TimeSpan QuietPeriod { get; init; } = TimeSpan.FromSeconds(30);

    [ConfigDoc("Horizon of the moving baselines (exponentially weighted; only seconds outside attacks feed them).")]
    public TimeSpan BaselineWindow { get; init; } = TimeSpan.FromMinutes(10);

    [ConfigDoc("A flood is 'few sources' when this many busiest sources send at least half of a second's requests; otherwise 'distributed'.")]
    public int FewSources { get; init; } = 10;

    [ConfigDoc("Cap of every per-source table of a route (per second, recent traffic, attack contributors, baseline clients); past it the lightest entries are evicted.")]
    public int MaxSources { get; init; } = 10_000;
}
