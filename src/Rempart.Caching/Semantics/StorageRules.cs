using Rempart.Caching.Http;

namespace Rempart.Caching.Semantics;

/// <summary>
/// May this response be stored (RFC 9111 §3, §3.5, §5.2.2), under this route's policy? Returns
/// null when it may, or a short reason (used as the Cache-Status <c>detail</c>) when not.
/// </summary>
public static class StorageRules
{
    public static string? WhyNotStorable(
        CacheRequest request,
        CacheDirectives requestDirectives,
        int status,
        ResponseFacts facts,
        double lifetimeSeconds,
        CachePolicy policy,
        CacheEngineOptions options)
    {
        var d = facts.Directives;
        var overrideOrigin = policy.MinTtl > TimeSpan.Zero; // CloudFront: Min TTL > 0 caches despite no-store/no-cache/private
        if (!request.IsGet)
        {
            return "method";
        }
        if (status is < 200 or 206 or 304 or > 999)
        {
            return "status";
        }
        if (requestDirectives.NoStore)
        {
            return "request-no-store";
        }
        var understood = StatusCodes.IsUnderstood(status);
        if (d.MustUnderstand && !understood)
        {
            return "must-understand";
        }
        if (d.NoStore && !(d.MustUnderstand && understood) && !overrideOrigin)
        {
            return "no-store";
        }
        if (d.Private && !policy.IgnoresPrivate)
        {
            return "private";
        }
        if (request.Headers.Contains("Authorization") && !(d.Public || d.SharedMaxAge is not null || d.MustRevalidate))
        {
            return "authorization";
        }
        if (facts.Vary.IsStar)
        {
            return "vary-star";
        }
        if (facts.Vary.Names.Count > options.MaxVaryFields)
        {
            return "vary-too-large";
        }
        var explicitFreshness = facts.HasExplicitFreshness || facts.FromTargetedField;
        if (facts.HasSetCookie && (policy.SetCookie == SetCookieMode.Never || (policy.SetCookie == SetCookieMode.StoreWhenExplicit && !explicitFreshness)))
        {
            return "set-cookie";
        }
        if (!explicitFreshness && !d.Public && !StatusCodes.IsHeuristicallyCacheable(status))
        {
            return "not-cacheable";
        }
        // A response that is stale at once, cannot be revalidated and may not be served stale is useless.
        var usable = lifetimeSeconds > 0 || facts.ETag is not null || facts.LastModified is not null
            || d.StaleWhileRevalidate > 0 || d.StaleIfError > 0 || policy.DefaultStaleIfError > TimeSpan.Zero;
        if (!usable)
        {
            return "no-freshness";
        }
        return null;
    }
}
