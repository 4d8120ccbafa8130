namespace Rempart.Caching;

/// <summary>Whether a response that sets a cookie may be stored (RFC 9111 lets a shared cache store it).</summary>
public enum SetCookieMode
{
    /// <summary>Store when the origin gave explicit freshness (<c>max-age</c>, <c>s-maxage</c>, <c>Expires</c>, a targeted field); never on heuristics (the default).</summary>
    StoreWhenExplicit,

    /// <summary>Store as any other response (what RFC 9111 allows).</summary>
    Store,

    /// <summary>Never store a response with <c>Set-Cookie</c>.</summary>
    Never,
}
