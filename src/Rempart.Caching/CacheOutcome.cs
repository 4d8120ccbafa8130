namespace Rempart.Caching;

/// <summary>The cache's part in one exchange, for the access log and metrics (CloudFront's result types in spirit).</summary>
public enum CacheOutcome
{
    /// <summary>Served from cache without contacting the origin.</summary>
    Hit,

    /// <summary>Served stale while a background revalidation runs.</summary>
    StaleHit,

    /// <summary>Revalidated with the origin (304) and served from cache (CloudFront's RefreshHit).</summary>
    Revalidated,

    /// <summary>The origin failed; a stale response was served (stale-if-error).</summary>
    StaleIfError,

    /// <summary>Served from another request's fill while it was being stored.</summary>
    Collapsed,

    /// <summary>Forwarded to the origin (nothing usable stored).</summary>
    Miss,

    /// <summary>Not looked up: policy, method or authorization.</summary>
    Bypass,

    /// <summary>only-if-cached with nothing usable: 504.</summary>
    GatewayTimeout,
}
