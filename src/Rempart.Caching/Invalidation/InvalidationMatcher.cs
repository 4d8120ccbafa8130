using Rempart.Caching.Storage;

namespace Rempart.Caching.Invalidation;

/// <summary>Compiles a <see cref="CacheInvalidation"/> into one predicate over stored entries.</summary>
public static class InvalidationMatcher
{
    public static Func<CacheEntry, bool> Compile(CacheInvalidation invalidation)
    {
        if (invalidation.All)
        {
            return static _ => true;
        }
        var exactPaths = new HashSet<string>(StringComparer.Ordinal);
        var exactTargets = new HashSet<string>(StringComparer.Ordinal);
        var prefixes = new List<string>();
        foreach (var path in invalidation.Paths)
        {
            if (path.EndsWith('*'))
            {
                prefixes.Add(path[..^1]);
            }
            else if (path.Contains('?'))
            {
                exactTargets.Add(path);
            }
            else
            {
                exactPaths.Add(path);
            }
        }
        var keys = new HashSet<string>(invalidation.SurrogateKeys, StringComparer.Ordinal);
        var host = invalidation.Host?.ToLowerInvariant();
        return entry =>
        {
            if (keys.Count > 0)
            {
                foreach (var key in entry.SurrogateKeys)
                {
                    if (keys.Contains(key))
                    {
                        return true;
                    }
                }
            }
            if (host is not null && !string.Equals(entry.Host, host, StringComparison.Ordinal))
            {
                return false;
            }
            if (exactPaths.Contains(entry.Path))
            {
                return true;
            }
            if (exactTargets.Count == 0 && prefixes.Count == 0)
            {
                return false;
            }
            var target = Target(entry);
            if (exactTargets.Contains(target))
            {
                return true;
            }
            foreach (var prefix in prefixes)
            {
                if (target.StartsWith(prefix, StringComparison.Ordinal))
                {
                    return true;
                }
            }
            return false;
        };
    }

    /// <summary>Path and kept query of the entry, from its primary key <c>scheme://host/path?query</c>.</summary>
    private static string Target(CacheEntry entry)
    {
        var primary = entry.Key.Primary;
        var schemeEnd = primary.IndexOf("://", StringComparison.Ordinal);
        var slash = schemeEnd < 0 ? -1 : primary.IndexOf('/', schemeEnd + 3);
        return slash < 0 ? entry.Path : primary[slash..];
    }
}
