namespace Rempart.Caching;

/// <summary>What a route does with requests that carry <c>Authorization</c>.</summary>
public enum AuthorizedRequestMode
{
    /// <summary>Never look up or store: the request goes to the origin (the default).</summary>
    Bypass,

    /// <summary>RFC 9111 §3.5: store only when the response says <c>public</c>, <c>s-maxage</c> or <c>must-revalidate</c>.</summary>
    FollowRfc,
}
