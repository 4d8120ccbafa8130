namespace Rempart.Gateway.Configuration.Waf;

public sealed record GeoMatchConfig
{
    [ConfigDoc("ISO 3166-1 alpha-2 country codes, e.g. [FR, DE].")]
    [RequiredKey]
    public IReadOnlyList<string> CountryCodes { get; init; } = [];

    [ConfigDoc("Look up an address from a header instead of the client IP.")]
    public ForwardedIpConfig? ForwardedIp { get; init; }
}
