namespace Rempart.Caching;

/// <summary>
/// A route's cache policy, compiled from configuration. <see cref="Default"/> honours the origin's
/// headers (RFC 9111) with CloudFront's TTL bounds except the default TTL: a response with no
/// freshness information gets the RFC heuristic (10% of its age since <c>Last-Modified</c>) or
/// nothing, never a fixed day, because a shared cache must not invent freshness for responses whose
/// authors said nothing (the HTTP caching test suite's own control exchanges rely on it).
/// </summary>
public sealed record CachePolicy
{
    public static readonly CachePolicy Default = new();

    public static readonly CachePolicy Disabled = new() { Enabled = false };

    /// <summary>False: every request bypasses the cache (Cache-Status <c>fwd=bypass</c>).</summary>
    public bool Enabled { get; init; } = true;

    public CacheKeyPolicy Key { get; init; } = CacheKeyPolicy.Default;

    /// <summary>Lower bound of the freshness lifetime. Above zero it also overrides <c>no-cache</c>, <c>private</c> and <c>no-store</c> as CloudFront does.</summary>
    public TimeSpan MinTtl { get; init; } = TimeSpan.Zero;

    /// <summary>Lifetime when the origin gives none; null uses the RFC 9111 §4.2.2 heuristic.</summary>
    public TimeSpan? DefaultTtl { get; init; }

    /// <summary>Upper bound of the freshness lifetime (CloudFront: one year).</summary>
    public TimeSpan MaxTtl { get; init; } = TimeSpan.FromDays(365);

    /// <summary>Fraction of (Date − Last-Modified) used as heuristic lifetime (RFC 9111 §4.2.2 suggests 10%).</summary>
    public double HeuristicFraction { get; init; } = 0.1;

    /// <summary>Cap of a heuristic lifetime.</summary>
    public TimeSpan MaxHeuristicTtl { get; init; } = TimeSpan.FromDays(1);

    /// <summary>
    /// Honour the client's <c>no-cache</c>, <c>max-age</c> and <c>min-fresh</c> request directives,
    /// which force a trip to the origin. Off by default, as in CloudFront and Varnish: RFC 9111
    /// §5.2.1 words them as preferences, and honouring them lets any flood bypass the cache.
    /// <c>only-if-cached</c>, <c>max-stale</c> and <c>no-store</c> are always honoured (they never
    /// cost the origin anything).
    /// </summary>
    public bool HonorRequestDirectives { get; init; }

    /// <summary>
    /// Honour the origin's <c>private</c> (RFC 9111 §5.2.2.7: a shared cache must not store it).
    /// False is an operator's override for an origin that marks shared content private by mistake.
    /// </summary>
    public bool HonorPrivate { get; init; } = true;

    /// <summary>
    /// Honour the origin's <c>no-cache</c> (revalidate before every use). False uses the response
    /// while it is fresh like any other: an operator's override, as CloudFront's Min TTL.
    /// </summary>
    public bool HonorNoCache { get; init; } = true;

    public AuthorizedRequestMode AuthorizedRequests { get; init; } = AuthorizedRequestMode.Bypass;

    public SetCookieMode SetCookie { get; init; } = SetCookieMode.StoreWhenExplicit;

    /// <summary>Stale-if-error window applied when the origin gave none (0: only the origin's <c>stale-if-error</c>).</summary>
    public TimeSpan DefaultStaleIfError { get; init; } = TimeSpan.Zero;

    /// <summary>
    /// How stale a stored response may be served when the origin cannot be reached at all
    /// (RFC 9111 §4.2.4 allows it "when disconnected"; Varnish calls it grace). 0 (the default)
    /// serves stale only under the origin's or the client's <c>stale-if-error</c>.
    /// </summary>
    public TimeSpan StaleIfUnreachable { get; init; } = TimeSpan.Zero;

    /// <summary>
    /// On a range request that misses, fetch the whole object (drop <c>Range</c> / <c>If-Range</c>),
    /// store it, and answer the client's range from the fill (CloudFront's behaviour), so that files
    /// only ever fetched by ranges (video) get cached. Needs the host to support
    /// <see cref="ResponseDecisionKind.ServeWhileFilling"/>; off by default until the gateway does.
    /// </summary>
    public bool FetchFullObjectOnRangeMiss { get; init; }

    /// <summary>Concurrent misses on one key wait for a single origin fill.</summary>
    public bool Coalesce { get; init; } = true;

    /// <summary>
    /// Largest body stored for this route; the store's own object limits apply too. A fill holds at
    /// most <see cref="CacheEngineOptions.SpillThreshold"/> bytes in memory when there is a disk
    /// tier; without one it buffers up to the memory tier's object limit.
    /// </summary>
    public long MaxObjectSize { get; init; } = 1024L * 1024 * 1024;

    /// <summary>The origin's <c>private</c> is overridden (by the toggle, or a Min TTL as in CloudFront).</summary>
    internal bool IgnoresPrivate => !HonorPrivate || MinTtl > TimeSpan.Zero;

    /// <summary>The origin's <c>no-cache</c> is overridden (by the toggle, or a Min TTL as in CloudFront).</summary>
    internal bool IgnoresNoCache => !HonorNoCache || MinTtl > TimeSpan.Zero;
}
