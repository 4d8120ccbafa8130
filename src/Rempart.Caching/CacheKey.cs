namespace Rempart.Caching;

/// <summary>
/// Where a response lives: <see cref="Primary"/> is the URL as the key policy sees it (scheme,
/// host, path, kept query parameters) — what invalidation addresses; <see cref="Secondary"/> holds
/// the key policy's header and cookie values, which select among the URL's variants together with
/// <c>Vary</c>.
/// </summary>
public readonly record struct CacheKey(string Primary, string Secondary);
