namespace Rempart.Caching;

/// <summary>What the host sends after reporting an origin response.</summary>
public enum ResponseDecisionKind
{
    /// <summary>Send the origin's response (adding <see cref="ResponseDecision.CacheStatus"/>); tee its body into <see cref="ResponseDecision.Writer"/> when set.</summary>
    Forward,

    /// <summary>
    /// Send <see cref="ResponseDecision.Served"/> to the client (a range sliced from the fill) and,
    /// at the same time, copy the origin's body into <see cref="ResponseDecision.Writer"/> only,
    /// committing at the end. Happens after <see cref="CacheLookup.RemoveRequestHeaders"/> fetched
    /// the full object for a range request.
    /// </summary>
    ServeWhileFilling,

    /// <summary>Discard the origin's response and send <see cref="ResponseDecision.Served"/> (after a 304, or stale-if-error).</summary>
    ServeStored,
}
