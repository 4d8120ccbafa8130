using Rempart.Gateway.Shield.Mitigation;

namespace Rempart.Gateway.Configuration.Shield;

/// <summary>
/// <c>shield.mitigation</c>: what happens when an attack opens. A signature is built from the attack
/// traffic, tested against the baseline's clients, and applied only if it spares them.
/// </summary>
public sealed record MitigationConfig
{
    [ConfigDoc("Automatic mitigation on or off. Off: attacks are detected and reported only.")]
    public bool Enabled { get; init; } = true;

    [ConfigDoc("What an applied signature does: count (observe only), rate_limit, challenge (the WAF's challenge page; a valid token passes) or block (403).")]
    public MitigationAction Action { get; init; } = MitigationAction.Challenge;

    [ConfigDoc("A new signature only counts for this long before it enforces the action (count first, then enforce). 0s: enforce at once.")]
    public TimeSpan CountFor { get; init; } = TimeSpan.Zero;

    [ConfigDoc("Requests per second each matching source keeps under action: rate_limit; the rest get 429.")]
    public int RateLimit { get; init; } = 5;

    [ConfigDoc("A signature that would have hit more than this share of the baseline's clients is not applied (0.05 = 5%).")]
    public double MaxBaselineShare { get; init; } = 0.05;

    [ConfigDoc("A source is singled out only above this many requests per second …")]
    public double SourceRateFloor { get; init; } = 10;

    [ConfigDoc("… and above this many times its own busiest second in normal traffic.")]
    public double SourceFactor { get; init; } = 4;

    [ConfigDoc("A user agent, JA4, header order, country or ASN becomes a signature of a distributed flood when it carries this share of the attack traffic.")]
    public double DominantShare { get; init; } = 0.6;
}
