namespace Rempart.Caching;

/// <summary>What the host sends after reporting an origin response.</summary>
public enum ResponseDecisionKind
{
    /// <summary>Send the origin's response (adding <see cref="ResponseDecision.CacheStatus"/>); tee its body into <see cref="ResponseDecision.Writer"/> when set.</summary>
    Forward,

    /// <summary>Discard the origin's response and send <see cref="ResponseDecision.Served"/> (after a 304, or stale-if-error).</summary>
    ServeStored,
}
