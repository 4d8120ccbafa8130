namespace Rempart.Caching;

/// <summary>Settings of one cache engine (one per node), shared by every route's policy.</summary>
public sealed record CacheEngineOptions
{
    /// <summary>The cache's name in <c>Cache-Status</c> (RFC 9211), e.g. the node name.</summary>
    public string CacheStatusName { get; init; } = "Rempart";

    /// <summary>
    /// Targeted cache-control fields (RFC 9213) in precedence order; the first with a valid value
    /// replaces <c>Cache-Control</c> and <c>Expires</c>. Put an operator field such as
    /// <c>Rempart-Cache-Control</c> before <c>CDN-Cache-Control</c>.
    /// </summary>
    public IReadOnlyList<string> TargetedFields { get; init; } = ["CDN-Cache-Control"];

    /// <summary>Response fields that carry surrogate keys (space- or comma-separated) for invalidation by tag.</summary>
    public IReadOnlyList<string> SurrogateKeyFields { get; init; } = ["Surrogate-Key", "Cache-Tag"];

    /// <summary>A response whose <c>Vary</c> names more fields than this is not stored.</summary>
    public int MaxVaryFields { get; init; } = 16;

    /// <summary>A response whose header section is larger than this is not stored.</summary>
    public int MaxHeaderBytes { get; init; } = 64 * 1024;

    /// <summary>
    /// A fill buffers this many bytes in memory; beyond it the body streams to the disk tier (when
    /// there is one), so one fill never holds more than this in memory.
    /// </summary>
    public int SpillThreshold { get; init; } = 1024 * 1024;

    /// <summary>Most requests waiting on one fill; more go to the origin themselves.</summary>
    public int MaxWaitersPerKey { get; init; } = 1024;

    /// <summary>
    /// Longest a request waits on another's fill before going to the origin itself; also how long a
    /// request streaming a shared fill waits for the next byte before its response is cut off.
    /// </summary>
    public TimeSpan CoalesceTimeout { get; init; } = TimeSpan.FromSeconds(10);

    /// <summary>
    /// How long a key whose fill stored nothing skips coalescing (Varnish's hit-for-miss, 120 s
    /// there too): its misses go to the origin in parallel instead of waiting on each other.
    /// </summary>
    public TimeSpan UncacheableKeyTtl { get; init; } = TimeSpan.FromSeconds(120);
}
