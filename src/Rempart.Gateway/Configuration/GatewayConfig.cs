using Rempart.Gateway.Configuration.Functions;
using Rempart.Gateway.Configuration.Notifications;
using Rempart.Gateway.Configuration.Shield;
using Rempart.Gateway.Configuration.Waf;

namespace Rempart.Gateway.Configuration;

/// <summary>The whole YAML file. Keys are the snake_case forms of these property names.</summary>
public sealed record GatewayConfig
{
    [ConfigDoc("Addresses the gateway listens on, e.g. http://0.0.0.0:80 or https://0.0.0.0:443.")]
    public IReadOnlyList<string> Listen { get; init; } = ["http://127.0.0.1:8080"];

    [ConfigDoc("TLS certificates for https listeners, chosen by SNI.")]
    public TlsConfig? Tls { get; init; }

    [ConfigDoc("The admin API listener and its authentication.")]
    public AdminConfig Admin { get; init; } = new();

    [ConfigDoc("Folder for state (SQLite), the admin token and logs. Relative paths are relative to the config file.")]
    public string DataDir { get; init; } = "./rempart-data";

    [ConfigDoc("How the real client IP and the request id are established.")]
    public ClientIpConfig ClientIp { get; init; } = new();

    [ConfigDoc("What the proxy adds to and removes from messages so that origins stay hidden.")]
    public ProxyConfig Proxy { get; init; } = new();

    [ConfigDoc("Access log and event bus settings.")]
    public LogsConfig Logs { get; init; } = new();

    [ConfigDoc("Named origins: a pool of targets, or an origin group that fails over from a primary to a secondary origin.")]
    [RequiredKey]
    public IReadOnlyDictionary<string, OriginConfig> Origins { get; init; } = new Dictionary<string, OriginConfig>();

    [ConfigDoc("Routes, matched in order: the first whose hosts and paths match the request wins.")]
    [RequiredKey]
    public IReadOnlyList<RouteConfig> Routes { get; init; } = [];

    [ConfigDoc("The CDN cache: storage tiers, targeted cache fields, compression and named cache policies.")]
    public Cache.CacheConfig Cache { get; init; } = new();

    [ConfigDoc("Web ACLs by name, referenced by routes' web_acl. The built-in names default and none are reserved.")]
    public IReadOnlyDictionary<string, WebAclConfig> WebAcls { get; init; } = new Dictionary<string, WebAclConfig>();

    [ConfigDoc("Reusable rule groups by name, referenced by rule_group statements.")]
    public IReadOnlyDictionary<string, RuleGroupConfig> RuleGroups { get; init; } = new Dictionary<string, RuleGroupConfig>();

    [ConfigDoc("Named sets of IPv4/IPv6 addresses and CIDRs for ip_set statements.")]
    public IReadOnlyDictionary<string, IReadOnlyList<string>> IpSets { get; init; } = new Dictionary<string, IReadOnlyList<string>>();

    [ConfigDoc("Named sets of regular expressions for regex_set statements.")]
    public IReadOnlyDictionary<string, IReadOnlyList<string>> RegexSets { get; init; } = new Dictionary<string, IReadOnlyList<string>>();

    [ConfigDoc("Named custom bodies for block actions.")]
    public IReadOnlyDictionary<string, ResponseBodyConfig> ResponseBodies { get; init; } = new Dictionary<string, ResponseBodyConfig>();

    [ConfigDoc("Geo and ASN databases for geo_match and asn_match statements.")]
    public GeoConfig Geo { get; init; } = new();

    [ConfigDoc("Flood protection: transport limits and origin budget queues. On by default; see docs/shield.md.")]
    public ShieldConfig Shield { get; init; } = new();
    [ConfigDoc("Named JavaScript functions: edge functions on viewer requests and responses (CloudFront Functions' event shape), and event functions (JavaScript or HTTP endpoints) that react to gateway events.")]
    public IReadOnlyDictionary<string, FunctionConfig> Functions { get; init; } = new Dictionary<string, FunctionConfig>();

    [ConfigDoc("Where alerts go: named webhook and email channels; see docs/notifications.md.")]
    public NotificationsConfig Notifications { get; init; } = new();

    [ConfigDoc("Built-in automations (scanners, HTTP flood, honeypot, reputation lists, allow/deny lists) and decision enforcement.")]
    public Automations.AutomationsConfig Automations { get; init; } = new();

    [ConfigDoc("How long a graceful shutdown waits for in-flight requests before closing connections.")]
    public TimeSpan ShutdownTimeout { get; init; } = TimeSpan.FromSeconds(30);
}
