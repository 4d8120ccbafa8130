using Rempart.Caching;

namespace Rempart.Gateway.Configuration.Cache;

/// <summary>
/// A named cache policy in CloudFront's shape: what forms the key, the TTL bounds applied to what
/// the origin says, and what is forwarded to the origin without being in the key. Omitted keys take
/// the built-in <c>default</c> policy's values.
/// </summary>
public sealed record CachePolicyConfig
{
    [ConfigDoc("Lower bound of the freshness lifetime. Above 0 it also caches responses marked no-store, no-cache or private (CloudFront's rule).")]
    public TimeSpan MinTtl { get; init; } = TimeSpan.Zero;

    [ConfigDoc("Lifetime of a response that gives none (no max-age, s-maxage or Expires). Omitted: the RFC 9111 heuristic (10% of the time since Last-Modified, at most a day) or not stored.")]
    public TimeSpan? DefaultTtl { get; init; }

    [ConfigDoc("Upper bound of the freshness lifetime.")]
    public TimeSpan MaxTtl { get; init; } = TimeSpan.FromDays(365);

    [ConfigDoc("What identifies a stored response besides its host and path.")]
    public CacheKeyConfig Key { get; init; } = new();

    [ConfigDoc("What reaches the origin on a miss without being part of the key.")]
    public OriginRequestConfig OriginRequest { get; init; } = new();

    [ConfigDoc("Honour the origin's private (a shared cache must not store it). false caches such responses anyway: only for origins that mark shared content private by mistake.")]
    public bool HonorPrivate { get; init; } = true;

    [ConfigDoc("Honour the origin's no-cache (revalidate before every use). false uses such responses while fresh.")]
    public bool HonorNoCache { get; init; } = true;

    [ConfigDoc("Requests with an Authorization header: bypass (never looked up or stored), or follow_rfc (stored only when the origin says public, s-maxage or must-revalidate).")]
    public AuthorizedRequestMode AuthorizedRequests { get; init; } = AuthorizedRequestMode.Bypass;

    [ConfigDoc("Honour the client's no-cache, max-age and min-fresh request directives (they force a trip to the origin, so any flood could bypass the cache). only-if-cached, max-stale and no-store are always honoured.")]
    public bool HonorRequestDirectives { get; init; }

    [ConfigDoc("Responses with Set-Cookie: store_when_explicit (only with explicit freshness from the origin), store, or never.")]
    public SetCookieMode SetCookie { get; init; } = SetCookieMode.StoreWhenExplicit;

    [ConfigDoc("How long past its freshness a stored response may be served when the origin answers 5xx, if the origin gave no stale-if-error.")]
    public TimeSpan StaleIfError { get; init; } = TimeSpan.Zero;

    [ConfigDoc("How long past its freshness a stored response may be served when the origin cannot be reached at all (Varnish's grace).")]
    public TimeSpan StaleIfUnreachable { get; init; } = TimeSpan.Zero;

    [ConfigDoc("Concurrent misses on one key wait for a single origin request.")]
    public bool Coalesce { get; init; } = true;

    [ConfigDoc("A range request that misses fetches and stores the whole object, answering the range from it as it arrives (CloudFront's behaviour).")]
    public bool FetchFullObjectOnRangeMiss { get; init; } = true;

    [ConfigDoc("Largest body stored for this policy; the tiers' own object limits apply too.")]
    public ByteSize MaxObjectSize { get; init; } = new(1024L * 1024 * 1024);
}
