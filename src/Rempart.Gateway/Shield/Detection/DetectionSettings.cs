namespace Rempart.Gateway.Shield.Detection;

/// <summary>
/// Detection thresholds, compiled from <c>shield.detection</c>. A second departs from the
/// baseline when a measure exceeds both its factor times the baseline and its absolute floor
/// (the floor keeps a quiet route from raising an attack over a handful of requests).
/// </summary>
public sealed record DetectionSettings
{
    public bool Enabled { get; init; } = true;

    public double RateFactor { get; init; } = 4;

    public double RateFloor { get; init; } = 50;

    public double ErrorFactor { get; init; } = 4;

    public double ErrorFloor { get; init; } = 20;

    public double LatencyFactor { get; init; } = 4;

    public double LatencyFloorMilliseconds { get; init; } = 1000;

    public double WafMatchFactor { get; init; } = 4;

    public double WafMatchFloor { get; init; } = 10;

    /// <summary>Transport limit hits per second (connections refused, header and body timeouts) that mean a flood.</summary>
    public double TransportFloor { get; init; } = 50;

    /// <summary>Consecutive departing seconds before an attack opens (1 s buckets: 2 → detection in 2–3 s).</summary>
    public int TriggerSeconds { get; init; } = 2;

    public TimeSpan QuietPeriod { get; init; } = TimeSpan.FromSeconds(30);

    public TimeSpan BaselineWindow { get; init; } = TimeSpan.FromMinutes(10);

    /// <summary>The busiest N sources; when they send at least half of a flooding second it is a few-sources flood.</summary>
    public int FewSources { get; init; } = 10;

    /// <summary>Cap of every per-source table of a route (per second, recent, attack, baseline clients).</summary>
    public int MaxSources { get; init; } = 10_000;
}
