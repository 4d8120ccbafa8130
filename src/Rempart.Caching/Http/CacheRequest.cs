namespace Rempart.Caching.Http;

/// <summary>
/// What the engine needs to know about a client request. <see cref="Path"/> and <see cref="Query"/>
/// are the request target as received (percent-encoding untouched); <see cref="Authority"/> is the
/// host (and port when not the default), compared case-insensitively.
/// </summary>
public sealed class CacheRequest
{
    public CacheRequest(string method, string scheme, string authority, string path, string? query, IHeaderView headers)
    {
        ArgumentException.ThrowIfNullOrEmpty(method);
        ArgumentException.ThrowIfNullOrEmpty(scheme);
        ArgumentNullException.ThrowIfNull(authority);
        ArgumentNullException.ThrowIfNull(headers);
        Method = method;
        Scheme = scheme;
        Authority = authority;
        Path = string.IsNullOrEmpty(path) ? "/" : path;
        Query = string.IsNullOrEmpty(query) ? null : query.TrimStart('?');
        Headers = headers;
    }

    /// <summary>Builds a request from an absolute URL; convenient for tests and tools.</summary>
    public static CacheRequest Get(string url, IHeaderView? headers = null, string method = "GET")
    {
        var uri = new Uri(url, UriKind.Absolute);
        return new CacheRequest(method, uri.Scheme, uri.Authority, uri.AbsolutePath, uri.Query, headers ?? new HeaderList());
    }

    public string Method { get; }

    public string Scheme { get; }

    public string Authority { get; }

    public string Path { get; }

    /// <summary>The query without its leading '?', or null when there is none.</summary>
    public string? Query { get; }

    public IHeaderView Headers { get; }

    public bool IsGet => string.Equals(Method, "GET", StringComparison.Ordinal);

    public bool IsHead => string.Equals(Method, "HEAD", StringComparison.Ordinal);

    /// <summary>RFC 9110 §9.2.1: GET, HEAD, OPTIONS and TRACE are safe; everything else may change state.</summary>
    public bool IsSafeMethod => Method is "GET" or "HEAD" or "OPTIONS" or "TRACE";
}
