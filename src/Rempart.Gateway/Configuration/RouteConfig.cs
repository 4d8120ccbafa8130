using Rempart.Gateway.Configuration.Shield;

namespace Rempart.Gateway.Configuration;

public sealed record RouteConfig
{
    [ConfigDoc("Name used in metrics and logs. Default: route-<index>.")]
    public string? Name { get; init; }

    [ConfigDoc("Which requests this route takes.")]
    [RequiredKey]
    public RouteMatchConfig Match { get; init; } = new();

    [ConfigDoc("Origin (pool or origin group) that serves this route.")]
    [RequiredKey]
    public string Origin { get; init; } = "";

    [ConfigDoc("Web ACL protecting this route: default (Rempart's managed rule groups), none, or a name under web_acls.")]
    public string WebAcl { get; init; } = "default";

    [ConfigDoc("Cache policy: default (honour the origin's cache headers), disabled, or a name under cache.")]
    public string Cache { get; init; } = "default";

    [ConfigDoc("Largest request body on this route (overrides shield.transport.max_body_size); larger gets 413.")]
    public ByteSize? MaxBodySize { get; init; }

    [ConfigDoc("Concurrency and rate this route may send to its origin; over it, requests queue briefly then get 503.")]
    public BudgetConfig? Budget { get; init; }
}
