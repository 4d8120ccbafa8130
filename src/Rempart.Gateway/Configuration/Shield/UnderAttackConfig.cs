namespace Rempart.Gateway.Configuration.Shield;

/// <summary>
/// <c>shield.under_attack</c>: the mode that challenges every client without a valid challenge
/// token. Switched on here (always), through the admin API or <c>rempart under-attack</c>
/// (manually), or by the detector when mitigation does not hold an attack (automatic).
/// </summary>
public sealed record UnderAttackConfig
{
    [ConfigDoc("Under-attack mode on for every route from the config (the admin API can also switch it per route or for all).")]
    public bool Enabled { get; init; }

    [ConfigDoc("Switch it on for a route by itself when requests still pass above the attack threshold `after` an attack opened; off again when the attack ends.")]
    public bool Automatic { get; init; }

    [ConfigDoc("How long mitigation gets to hold an attack before automatic under-attack mode starts.")]
    public TimeSpan After { get; init; } = TimeSpan.FromSeconds(5);

    [ConfigDoc("Proof-of-work bits of the challenge (each bit doubles a browser's work; 16 takes well under a second).")]
    public int ChallengeDifficulty { get; init; } = 16;

    [ConfigDoc("How long a solved challenge lets a client through.")]
    public TimeSpan Immunity { get; init; } = TimeSpan.FromMinutes(30);
}
