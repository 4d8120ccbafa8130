namespace Rempart.Gateway.Configuration.Automations;

/// <summary>A per-path threshold of the scanners automation: the longest matching prefix wins.</summary>
public sealed record PathThresholdConfig
{
    [ConfigDoc("Path prefix, e.g. /login.")]
    [RequiredKey]
    public string Prefix { get; init; } = "";

    [ConfigDoc("Error responses per client per minute on this prefix above which the client is banned.")]
    [RequiredKey]
    public int ErrorsPerMinute { get; init; }
}
