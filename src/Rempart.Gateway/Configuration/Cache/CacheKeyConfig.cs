namespace Rempart.Gateway.Configuration.Cache;

/// <summary>A CloudFront cache policy's ParametersInCacheKey, in snake_case.</summary>
public sealed record CacheKeyConfig
{
    [ConfigDoc("Include the request's host. Turn off only when every host of the route serves the same content.")]
    public bool Host { get; init; } = true;

    [ConfigDoc("Query parameters in the key: all, none, or { allow_list: [...] } / { all_except: [...] }.")]
    public KeySelectionConfig QueryStrings { get; init; } = KeySelectionConfig.All;

    [ConfigDoc("Sort the kept query parameters, so ?a=1&b=2 and ?b=2&a=1 share an entry.")]
    public bool SortQueryStrings { get; init; }

    [ConfigDoc("Request headers whose values are part of the key (like extra Vary fields); they are always forwarded.")]
    public IReadOnlyList<string> Headers { get; init; } = [];

    [ConfigDoc("Cookies in the key: none, all, or { allow_list: [...] } / { all_except: [...] }; they are always forwarded.")]
    public KeySelectionConfig Cookies { get; init; } = KeySelectionConfig.None;
}
