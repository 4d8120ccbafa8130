namespace Rempart.Gateway.Configuration.Automations;

/// <summary>Limits and enforcement settings of decisions.</summary>
public sealed record DecisionsConfig
{
    [ConfigDoc("Most decisions held at once; more are refused (counted, with an event) so a runaway automation cannot exhaust memory.")]
    public int MaxActive { get; init; } = 200_000;

    [ConfigDoc("Shortest IPv4 prefix a decision may cover; wider ranges (such as 0.0.0.0/0) are refused.")]
    public int MinPrefixV4 { get; init; } = 8;

    [ConfigDoc("Shortest IPv6 prefix a decision may cover; wider ranges (such as ::/0) are refused.")]
    public int MinPrefixV6 { get; init; } = 19;

    [ConfigDoc("Requests per minute allowed to a client under a throttle decision; more get 429.")]
    public int ThrottlePerMinute { get; init; } = 60;

    [ConfigDoc("Proof-of-work difficulty (leading zero bits) of the challenge page shown under a challenge decision.")]
    public int ChallengeDifficulty { get; init; } = 16;

    [ConfigDoc("How long a solved challenge lets the client through.")]
    public TimeSpan ChallengeImmunity { get; init; } = TimeSpan.FromMinutes(5);
}
