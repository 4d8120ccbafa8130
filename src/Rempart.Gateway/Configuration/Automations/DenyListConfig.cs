namespace Rempart.Gateway.Configuration.Automations;

/// <summary>Operator deny list, with optional retention (AWS's IP retention for the denied set).</summary>
public sealed record DenyListConfig
{
    [ConfigDoc("Addresses and CIDRs banned while listed.")]
    public IReadOnlyList<string> Entries { get; init; } = [];

    [ConfigDoc("Entries expire this long after Rempart first saw them, even if still listed (e.g. 24h). Absent: while listed.")]
    public TimeSpan? Retention { get; init; }
}
