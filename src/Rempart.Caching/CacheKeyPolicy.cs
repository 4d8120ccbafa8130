namespace Rempart.Caching;

/// <summary>
/// What identifies a stored response besides its URL path (a CloudFront cache policy's
/// <c>ParametersInCacheKey</c>). Headers and cookies named here act like extra <c>Vary</c> fields:
/// responses for different values are different variants of one URL, so invalidating the URL
/// removes them all.
/// </summary>
public sealed record CacheKeyPolicy
{
    public static readonly CacheKeyPolicy Default = new();

    /// <summary>Include the request's host (authority). Off only when every host serves the same content.</summary>
    public bool IncludeHost { get; init; } = true;

    public KeyComponentMode QueryStrings { get; init; } = KeyComponentMode.All;

    /// <summary>Parameter names for <see cref="KeyComponentMode.AllowList"/> / <see cref="KeyComponentMode.AllExcept"/> (case-sensitive, as CloudFront).</summary>
    public IReadOnlyList<string> QueryStringNames { get; init; } = [];

    /// <summary>Sort the kept query parameters so that <c>?a=1&amp;b=2</c> and <c>?b=2&amp;a=1</c> share an entry.</summary>
    public bool SortQueryStrings { get; init; }

    /// <summary>Request headers whose (normalised) values are part of the key.</summary>
    public IReadOnlyList<string> Headers { get; init; } = [];

    public KeyComponentMode Cookies { get; init; } = KeyComponentMode.None;

    public IReadOnlyList<string> CookieNames { get; init; } = [];
}
