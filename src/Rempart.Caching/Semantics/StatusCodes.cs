namespace Rempart.Caching.Semantics;

/// <summary>Status code classes the cache rules name.</summary>
public static class StatusCodes
{
    /// <summary>RFC 9110 §15.1: cacheable by default, so heuristic freshness may apply.</summary>
    public static bool IsHeuristicallyCacheable(int status) =>
        status is 200 or 203 or 204 or 206 or 300 or 301 or 308 or 404 or 405 or 410 or 414 or 501;

    /// <summary>
    /// Codes whose caching semantics this cache implements (for <c>must-understand</c>, RFC 9111
    /// §5.2.2.3): every final code RFC 9110 defines except 206 (partial content is never stored) and 304.
    /// </summary>
    public static bool IsUnderstood(int status) => status switch
    {
        200 or 201 or 202 or 203 or 204 or 205 => true,
        300 or 301 or 302 or 303 or 305 or 307 or 308 => true,
        >= 400 and <= 417 => true,
        421 or 422 or 426 => true,
        >= 500 and <= 505 => true,
        _ => false,
    };

    /// <summary>Errors after which <c>stale-if-error</c> may serve a stored response (RFC 5861 §4).</summary>
    public static bool IsServerError(int status) => status is 500 or 502 or 503 or 504;
}
