namespace Rempart.Gateway.Configuration.Cache;

/// <summary>
/// The <c>cache:</c> section: the node's storage tiers, how the origin's targeted cache fields and
/// surrogate keys are read, edge compression, and the named policies routes refer to. Every key
/// has a default, so routes' <c>cache: default</c> works without this section.
/// </summary>
public sealed record CacheConfig
{
    [ConfigDoc("The memory tier: an LRU bounded in bytes. Read at start; a change needs a restart.")]
    public CacheMemoryConfig Memory { get; init; } = new();

    [ConfigDoc("The disk tier behind memory (survives restarts). Omitted: memory only. Read at start.")]
    public CacheDiskConfig? Disk { get; init; }

    [ConfigDoc("This cache's name in the Cache-Status response header (RFC 9211). Read at start.")]
    public string StatusName { get; init; } = "Rempart";

    [ConfigDoc("Targeted cache-control fields (RFC 9213) in precedence order; the first valid one replaces Cache-Control and Expires. Read at start.")]
    public IReadOnlyList<string> TargetedFields { get; init; } = ["Rempart-Cache-Control", "CDN-Cache-Control"];

    [ConfigDoc("Response fields whose values tag a response for invalidation by surrogate key (space- or comma-separated). Read at start.")]
    public IReadOnlyList<string> SurrogateKeyFields { get; init; } = ["Surrogate-Key", "Cache-Tag"];

    [ConfigDoc("A response whose Vary names more fields than this is not stored. Read at start.")]
    public int MaxVaryFields { get; init; } = 16;

    [ConfigDoc("Longest a request waits on another request's fill of the same key before going to the origin itself. Read at start.")]
    public TimeSpan CoalesceTimeout { get; init; } = TimeSpan.FromSeconds(10);

    [ConfigDoc("Most requests waiting on one fill; more go to the origin themselves. Read at start.")]
    public int MaxWaitersPerKey { get; init; } = 1024;

    [ConfigDoc("Brotli and gzip at the edge for compressible responses the origin did not compress.")]
    public CompressionConfig Compression { get; init; } = new();

    [ConfigDoc("Cache policies by name, referenced by routes' cache. The built-in names default and disabled are reserved.")]
    public IReadOnlyDictionary<string, CachePolicyConfig> Policies { get; init; } = new Dictionary<string, CachePolicyConfig>();
}
