namespace Rempart.Caching.Http;

/// <summary>
/// Parsed cache directives of one message (RFC 9111 §5.2), from <c>Cache-Control</c> or from a
/// targeted field such as <c>CDN-Cache-Control</c> (RFC 9213). Names are case-insensitive; the first
/// occurrence of a repeated directive wins (RFC 9111 §4.2.1); an invalid delta-seconds value is kept
/// as 0 so that the message reads as stale ("encouraged to consider ... stale"). Values past
/// 2^31 are clamped to 2^31 (§1.2.2).
/// </summary>
public sealed class CacheDirectives
{
    /// <summary>The largest delta-seconds a cache needs to represent (RFC 9111 §1.2.2).</summary>
    public const long MaxDeltaSeconds = 2147483648;

    public static readonly CacheDirectives Empty = new();

    public long? MaxAge { get; internal set; }

    public long? SharedMaxAge { get; internal set; }

    public bool NoStore { get; internal set; }

    /// <summary>Unqualified <c>no-cache</c> (or a qualified one the reader chose to treat as unqualified).</summary>
    public bool NoCache { get; internal set; }

    /// <summary>Field names of a qualified <c>no-cache="a, b"</c>; empty when none.</summary>
    public IReadOnlyList<string> NoCacheFields { get; internal set; } = [];

    public bool Private { get; internal set; }

    /// <summary>Field names of a qualified <c>private="a, b"</c>; empty when none.</summary>
    public IReadOnlyList<string> PrivateFields { get; internal set; } = [];

    public bool Public { get; internal set; }

    public bool MustRevalidate { get; internal set; }

    public bool ProxyRevalidate { get; internal set; }

    public bool MustUnderstand { get; internal set; }

    public bool Immutable { get; internal set; }

    public long? StaleWhileRevalidate { get; internal set; }

    public long? StaleIfError { get; internal set; }

    // Request directives.

    /// <summary><c>max-stale</c> with a value; <see cref="MaxStaleAny"/> when it has none.</summary>
    public long? MaxStale { get; internal set; }

    public bool MaxStaleAny { get; internal set; }

    public long? MinFresh { get; internal set; }

    public bool OnlyIfCached { get; internal set; }

    /// <summary>True when any directive at all was recognised or present.</summary>
    public bool IsEmpty { get; internal set; } = true;
}
