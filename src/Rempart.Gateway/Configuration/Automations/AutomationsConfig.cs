namespace Rempart.Gateway.Configuration.Automations;

/// <summary>
/// The <c>automations:</c> section: built-in automations that watch events and produce decisions,
/// and how decisions are enforced. Every automation except reputation lists is on when the section
/// is absent, so the smallest config is protected.
/// </summary>
public sealed record AutomationsConfig
{
    [ConfigDoc("How decisions (bans, challenges, throttles) are held and enforced.")]
    public DecisionsConfig Decisions { get; init; } = new();

    [ConfigDoc("Scanners and probes: a client with too many error responses (400/401/403/404/405) per minute is banned.")]
    public ScannersConfig Scanners { get; init; } = new();

    [ConfigDoc("HTTP flood: a client sending more requests than the threshold over the window is banned.")]
    public HttpFloodConfig HttpFlood { get; init; } = new();

    [ConfigDoc("Bad-bot honeypot: trap paths advertised in robots.txt; a client fetching one is banned.")]
    public HoneypotConfig Honeypot { get; init; } = new();

    [ConfigDoc("IP reputation lists fetched from URLs or files; clients in them are refused. Off by default (needs outbound access).")]
    public ReputationListsConfig ReputationLists { get; init; } = new();

    [ConfigDoc("Addresses and CIDRs never refused by a decision or a list, and never decided against. Default: loopback, as fail2ban's ignoreip, since a local proxy or health checker speaks from it.")]
    public IReadOnlyList<string> AllowList { get; init; } = ["127.0.0.0/8", "::1"];

    [ConfigDoc("Addresses and CIDRs banned by the operator.")]
    public DenyListConfig DenyList { get; init; } = new();
}
