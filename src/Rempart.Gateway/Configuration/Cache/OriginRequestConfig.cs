namespace Rempart.Gateway.Configuration.Cache;

/// <summary>
/// A CloudFront origin request policy: what is forwarded to the origin on a miss without being in
/// the key. Whatever the origin's answer depends on must be in the key or not forwarded, or one
/// client can plant a response that others receive (cache poisoning).
/// </summary>
public sealed record OriginRequestConfig
{
    [ConfigDoc("Request headers forwarded to the origin besides those in the key: all, none, or { allow_list } / { all_except }. Host, forwarding headers and validators always go.")]
    public KeySelectionConfig Headers { get; init; } = KeySelectionConfig.All;

    [ConfigDoc("Cookies forwarded to the origin besides those in the key: all, none, or { allow_list } / { all_except }.")]
    public KeySelectionConfig Cookies { get; init; } = KeySelectionConfig.All;

    [ConfigDoc("Headers never forwarded on cached routes unless in the key, because origins act on them while caches ignore them (classic poisoning vectors).")]
    public IReadOnlyList<string> DropHeaders { get; init; } =
        ["X-Original-URL", "X-Rewrite-URL", "X-HTTP-Method-Override", "X-HTTP-Method", "X-Method-Override", "X-Forwarded-Server", "X-Host"];
}
