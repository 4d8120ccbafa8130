namespace Rempart.Gateway.Configuration.Waf;

/// <summary>Take the address from a header (AWS: ForwardedIPConfig / IPSetForwardedIPConfig).</summary>
public sealed record ForwardedIpConfig
{
    [ConfigDoc("Header holding the address or a comma-separated list of addresses.")]
    public string Header { get; init; } = "X-Forwarded-For";

    [ConfigDoc("For a list: first, last, or any address in it.")]
    public ForwardedIpPosition Position { get; init; } = ForwardedIpPosition.First;

    [ConfigDoc("When the header is missing or not an address: match or no_match.")]
    public ForwardedIpFallback Fallback { get; init; } = ForwardedIpFallback.NoMatch;
}
