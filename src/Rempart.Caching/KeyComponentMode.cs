namespace Rempart.Caching;

/// <summary>Which query parameters, headers or cookies go into the cache key (CloudFront's cache policy modes).</summary>
public enum KeyComponentMode
{
    None,
    AllowList,
    AllExcept,
    All,
}
