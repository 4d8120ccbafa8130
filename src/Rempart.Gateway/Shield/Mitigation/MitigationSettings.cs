namespace Rempart.Gateway.Shield.Mitigation;

/// <summary>Automatic mitigation and under-attack mode, compiled from <c>shield.mitigation</c> and <c>shield.under_attack</c>.</summary>
public sealed record MitigationSettings
{
    public bool Enabled { get; init; } = true;

    public MitigationAction Action { get; init; } = MitigationAction.Challenge;

    /// <summary>A new signature counts for this long before it enforces <see cref="Action"/> (zero: enforce at once).</summary>
    public TimeSpan CountFor { get; init; } = TimeSpan.Zero;

    /// <summary>Requests per second a matching source keeps under <see cref="MitigationAction.RateLimit"/>.</summary>
    public int RateLimit { get; init; } = 5;

    /// <summary>A signature that would have hit more than this share of the baseline's clients is not applied.</summary>
    public double MaxBaselineShare { get; init; } = 0.05;

    /// <summary>A source is singled out only above this many requests per second …</summary>
    public double SourceRateFloor { get; init; } = 10;

    /// <summary>… and above this many times its own busiest normal second.</summary>
    public double SourceFactor { get; init; } = 4;

    /// <summary>A user agent, JA4, header order, country or ASN is a signature only when it carries this share of attack traffic.</summary>
    public double DominantShare { get; init; } = 0.6;

    /// <summary>Under-attack mode turns itself on when requests still pass above the attack threshold this long after mitigation started.</summary>
    public bool UnderAttackAutomatic { get; init; }

    public TimeSpan UnderAttackAfter { get; init; } = TimeSpan.FromSeconds(5);

    public int ChallengeDifficulty { get; init; } = 14;

    public TimeSpan ChallengeImmunity { get; init; } = TimeSpan.FromMinutes(30);
}
