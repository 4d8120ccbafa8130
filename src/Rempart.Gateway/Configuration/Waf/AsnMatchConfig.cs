namespace Rempart.Gateway.Configuration.Waf;

public sealed record AsnMatchConfig
{
    [ConfigDoc("Autonomous system numbers, e.g. [64500, 14061].")]
    [RequiredKey]
    public IReadOnlyList<long> Asns { get; init; } = [];

    [ConfigDoc("Look up an address from a header instead of the client IP.")]
    public ForwardedIpConfig? ForwardedIp { get; init; }
}
