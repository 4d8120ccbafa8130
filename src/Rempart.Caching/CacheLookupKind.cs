namespace Rempart.Caching;

/// <summary>What the host does with a request after <see cref="CacheEngine.LookupAsync"/>.</summary>
public enum CacheLookupKind
{
    /// <summary>Answer with <see cref="CacheLookup.Response"/>; the origin is not contacted.</summary>
    Hit,

    /// <summary>
    /// Answer with <see cref="CacheLookup.Response"/> (stale-while-revalidate); when
    /// <see cref="CacheLookup.RevalidateInBackground"/> is set, also send the request with
    /// <see cref="CacheLookup.ConditionalHeaders"/> in the background and report its response.
    /// </summary>
    Stale,

    /// <summary>
    /// Answer with <see cref="CacheLookup.Response"/>: another request is storing this response and
    /// its body streams to this one as it arrives (the copy throws if that fill fails midway: abort
    /// the client's response then).
    /// </summary>
    Shared,

    /// <summary>Forward with <see cref="CacheLookup.ConditionalHeaders"/> set; report the response (a 304 is served from cache).</summary>
    Revalidate,

    /// <summary>Forward unchanged; report the response (it may be stored).</summary>
    Miss,

    /// <summary>Forward unchanged; report the response (an unsafe method's success invalidates).</summary>
    Bypass,

    /// <summary><c>only-if-cached</c> and nothing usable: answer with <see cref="CacheLookup.Response"/> (504).</summary>
    GatewayTimeout,
}
