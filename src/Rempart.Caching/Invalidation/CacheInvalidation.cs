namespace Rempart.Caching.Invalidation;

/// <summary>
/// What to remove from the cache (the admin API's invalidation request). Paths are matched against
/// the stored request path, case-sensitively as CloudFront does; <c>*</c> is allowed only as the
/// last character and matches any suffix (including a query); a path with <c>?</c> matches path and
/// query exactly; a path without <c>?</c> matches every query of that path. <see cref="Host"/>
/// restricts path matches to one authority.
/// </summary>
public sealed record CacheInvalidation
{
    public IReadOnlyList<string> Paths { get; init; } = [];

    public IReadOnlyList<string> SurrogateKeys { get; init; } = [];

    public bool All { get; init; }

    public string? Host { get; init; }

    public static CacheInvalidation Everything { get; } = new() { All = true };

    /// <summary>Checks a request before it is applied; returns every problem (empty when valid).</summary>
    public IReadOnlyList<string> Validate()
    {
        var errors = new List<string>();
        if (!All && Paths.Count == 0 && SurrogateKeys.Count == 0)
        {
            errors.Add("nothing to invalidate: give paths, surrogate_keys or all: true");
        }
        foreach (var path in Paths)
        {
            if (string.IsNullOrEmpty(path) || path[0] != '/')
            {
                errors.Add($"path '{path}' must start with '/'");
            }
            else if (path.Length > 4000)
            {
                errors.Add($"path '{path[..40]}...' is longer than 4000 characters");
            }
            else if (path.IndexOf('*') is var star && star >= 0 && star != path.Length - 1)
            {
                errors.Add($"path '{path}': '*' is allowed only as the last character");
            }
        }
        foreach (var key in SurrogateKeys)
        {
            if (string.IsNullOrWhiteSpace(key))
            {
                errors.Add("surrogate keys must not be empty");
            }
        }
        return errors;
    }
}
