namespace Rempart.Gateway.Configuration.Waf;

public sealed record ChallengeActionConfig
{
    [ConfigDoc("Proof-of-work difficulty in leading zero bits of SHA-256 (each bit doubles the client's work).")]
    public int Difficulty { get; init; } = 16;
}
