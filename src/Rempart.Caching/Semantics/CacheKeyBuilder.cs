using System.Text;
using Rempart.Caching.Http;

namespace Rempart.Caching.Semantics;

/// <summary>Builds <see cref="CacheKey"/>s from requests and URLs under a <see cref="CacheKeyPolicy"/>.</summary>
public static class CacheKeyBuilder
{
    public static CacheKey Build(CacheRequest request, CacheKeyPolicy policy) =>
        new(Primary(request.Scheme, request.Authority, request.Path, request.Query, policy), Secondary(request.Headers, policy));

    /// <summary>The primary key of a URL (used for invalidation of <c>Location</c> and <c>Content-Location</c> targets).</summary>
    public static string Primary(string scheme, string authority, string path, string? query, CacheKeyPolicy policy)
    {
        // Every lookup builds one, hits included: one string, no builder.
        var host = policy.IncludeHost ? authority.ToLowerInvariant() : "*";
        var kept = FilterQuery(query, policy);
        return kept.Length > 0
            ? $"{scheme.ToLowerInvariant()}://{host}{path}?{kept}"
            : string.Concat(scheme.ToLowerInvariant(), "://", host, path);
    }

    /// <summary>
    /// The request target (path and kept query) inside a primary key <c>scheme://host/path?query</c>;
    /// what path invalidations match.
    /// </summary>
    public static ReadOnlySpan<char> TargetOf(string primaryKey)
    {
        var schemeEnd = primaryKey.AsSpan().IndexOf("://");
        if (schemeEnd < 0)
        {
            return [];
        }
        var slash = primaryKey.AsSpan(schemeEnd + 3).IndexOf('/');
        return slash < 0 ? [] : primaryKey.AsSpan(schemeEnd + 3 + slash);
    }

    internal static string FilterQuery(string? query, CacheKeyPolicy policy)
    {
        if (string.IsNullOrEmpty(query) || policy.QueryStrings == KeyComponentMode.None)
        {
            return "";
        }
        if (policy.QueryStrings == KeyComponentMode.All && !policy.SortQueryStrings)
        {
            return query;
        }
        var parts = new List<string>();
        foreach (var part in query.Split('&', StringSplitOptions.RemoveEmptyEntries))
        {
            var eq = part.IndexOf('=');
            var name = eq < 0 ? part : part[..eq];
            var listed = policy.QueryStringNames.Contains(name, StringComparer.Ordinal);
            var keep = policy.QueryStrings switch
            {
                KeyComponentMode.AllowList => listed,
                KeyComponentMode.AllExcept => !listed,
                _ => true,
            };
            if (keep)
            {
                parts.Add(part);
            }
        }
        if (policy.SortQueryStrings)
        {
            parts.Sort(StringComparer.Ordinal);
        }
        return string.Join('&', parts);
    }

    internal static string Secondary(IHeaderView headers, CacheKeyPolicy policy)
    {
        if (policy.Headers.Count == 0 && policy.Cookies == KeyComponentMode.None)
        {
            return "";
        }
        var sb = new StringBuilder();
        foreach (var name in policy.Headers)
        {
            var value = FieldNormalizer.Normalize(name, headers.GetValues(name));
            sb.Append("h:").Append(name.ToLowerInvariant()).Append(value is null ? "\u0001" : "=" + value).Append('\n');
        }
        if (policy.Cookies != KeyComponentMode.None)
        {
            var cookies = new List<string>();
            foreach (var line in headers.GetValues("Cookie"))
            {
                foreach (var pair in line.Split(';', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries))
                {
                    var eq = pair.IndexOf('=');
                    var name = eq < 0 ? pair : pair[..eq];
                    var listed = policy.CookieNames.Contains(name, StringComparer.Ordinal);
                    var keep = policy.Cookies switch
                    {
                        KeyComponentMode.AllowList => listed,
                        KeyComponentMode.AllExcept => !listed,
                        _ => true,
                    };
                    if (keep)
                    {
                        cookies.Add(pair);
                    }
                }
            }
            cookies.Sort(StringComparer.Ordinal);
            sb.Append("c:").Append(string.Join(';', cookies)).Append('\n');
        }
        return sb.ToString();
    }
}
