using Rempart.Caching.Http;

namespace Rempart.Caching.Semantics;

/// <summary>
/// Freshness lifetime (RFC 9111 §4.2.1–4.2.2) and current age (§4.2.3), in seconds, bounded by the
/// route's TTL settings. Every input is clamped so that hostile values (negative ages, dates in
/// year 9999, 2^31-second lifetimes) neither overflow nor make a stale response fresh.
/// </summary>
public static class Freshness
{
    /// <summary>The freshness lifetime in seconds, after the policy's bounds.</summary>
    public static double Lifetime(ResponseFacts facts, int status, DateTimeOffset responseTime, CachePolicy policy)
    {
        var d = facts.Directives;
        double lifetime;
        if (d.SharedMaxAge is { } sMaxAge)
        {
            lifetime = sMaxAge;
        }
        else if (d.MaxAge is { } maxAge)
        {
            lifetime = maxAge;
        }
        else if (facts.HasExpires)
        {
            var date = facts.Date ?? responseTime;
            lifetime = facts.Expires is { } expires ? Math.Max(0, (expires - date).TotalSeconds) : 0;
        }
        else if (StatusCodes.IsHeuristicallyCacheable(status) || d.Public)
        {
            if (policy.DefaultTtl is { } defaultTtl)
            {
                lifetime = defaultTtl.TotalSeconds;
            }
            else if (facts.LastModified is { } lastModified)
            {
                var date = facts.Date ?? responseTime;
                var sinceModified = Math.Max(0, (date - lastModified).TotalSeconds);
                lifetime = Math.Min(sinceModified * policy.HeuristicFraction, policy.MaxHeuristicTtl.TotalSeconds);
            }
            else
            {
                lifetime = 0;
            }
        }
        else
        {
            lifetime = 0;
        }
        return Math.Clamp(lifetime, policy.MinTtl.TotalSeconds, Math.Max(policy.MinTtl.TotalSeconds, policy.MaxTtl.TotalSeconds));
    }

    /// <summary>The current age in seconds (RFC 9111 §4.2.3); an invalid <c>Age</c> reads as 2^31.</summary>
    public static double CurrentAge(ResponseFacts facts, DateTimeOffset requestTime, DateTimeOffset responseTime, DateTimeOffset now)
    {
        if (facts.AgeInvalid)
        {
            return CacheDirectives.MaxDeltaSeconds;
        }
        var date = facts.Date ?? responseTime;
        var apparentAge = Math.Max(0, (responseTime - date).TotalSeconds);
        var responseDelay = Math.Max(0, (responseTime - requestTime).TotalSeconds);
        var correctedAgeValue = facts.AgeValue + responseDelay;
        var correctedInitialAge = Math.Max(apparentAge, correctedAgeValue);
        var residentTime = Math.Max(0, (now - responseTime).TotalSeconds);
        return Math.Min(correctedInitialAge + residentTime, CacheDirectives.MaxDeltaSeconds);
    }
}
