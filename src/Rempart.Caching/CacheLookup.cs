using Rempart.Caching.Coalescing;
using Rempart.Caching.Http;
using Rempart.Caching.Storage;

namespace Rempart.Caching;

/// <summary>
/// The cache's state for one request, from lookup to the end of the response. Dispose it when the
/// exchange (including any background revalidation) is over: that releases the opened stored body
/// and, if this request was filling its key and never stored, the requests waiting on it.
/// </summary>
public sealed class CacheLookup : IDisposable
{
    internal CacheLookup(CacheRequest request, CachePolicy policy, DateTimeOffset requestTime)
    {
        Request = request;
        Policy = policy;
        RequestTime = requestTime;
    }

    public CacheRequest Request { get; }

    public CachePolicy Policy { get; }

    /// <summary>When the request reached the cache: the <c>request_time</c> of RFC 9111 §4.2.3 for what it stores.</summary>
    public DateTimeOffset RequestTime { get; }

    public CacheLookupKind Kind { get; internal set; } = CacheLookupKind.Miss;

    public CacheOutcome Outcome { get; internal set; } = CacheOutcome.Miss;

    /// <summary>The key; default for bypassed requests.</summary>
    public CacheKey Key { get; internal set; }

    /// <summary>The stored entry selected (hit, stale, revalidate), else null.</summary>
    public CacheEntry? Entry { get; internal set; }

    /// <summary>The response to send for <see cref="CacheLookupKind.Hit"/>, <see cref="CacheLookupKind.Stale"/> and <see cref="CacheLookupKind.GatewayTimeout"/>.</summary>
    public ServedResponse? Response { get; internal set; }

    /// <summary>Header fields to set (replacing the client's) on the forwarded request: <c>If-None-Match</c>, <c>If-Modified-Since</c>.</summary>
    public HeaderList ConditionalHeaders { get; internal set; } = new();

    /// <summary>
    /// Request fields to remove from the forwarded request (<c>Range</c>, <c>If-Range</c>) so the
    /// origin sends the full object to store; empty unless the policy fetches full objects on range misses.
    /// </summary>
    public IReadOnlyList<string> RemoveRequestHeaders { get; internal set; } = [];

    /// <summary>For <see cref="CacheLookupKind.Stale"/>: this request won the right to revalidate in the background.</summary>
    public bool RevalidateInBackground { get; internal set; }

    /// <summary>This request waited on another's fill (Cache-Status <c>collapsed</c>).</summary>
    public bool Collapsed { get; internal set; }

    /// <summary>This cache's <c>Cache-Status</c> member so far (final after the response is reported).</summary>
    public string CacheStatus { get; internal set; } = "";

    internal string ForwardReason { get; set; } = "miss";

    internal Http.CacheDirectives RequestDirectives { get; set; } = Http.CacheDirectives.Empty;

    internal CacheBodyHandle? Body { get; set; }

    internal FillLease? Lease { get; set; }

    /// <summary>Hands the fill lease to a store writer (which completes it on commit or abort).</summary>
    internal FillLease? TakeLease()
    {
        var lease = Lease;
        Lease = null;
        return lease;
    }

    public void Dispose()
    {
        TakeLease()?.Dispose();
        Body?.Dispose();
        Body = null;
    }
}
