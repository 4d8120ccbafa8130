using Rempart.Caching.Invalidation;

namespace Rempart.Caching.Storage;

/// <summary>
/// A storage tier. Lookups are synchronous (the index lives in memory); writes may do I/O.
/// Implementations never throw on storage faults: a failed write is "not stored", a lost or torn
/// entry is a miss.
/// </summary>
public interface ICacheStore : IDisposable
{
    /// <summary>Every stored variant of the URL <paramref name="primaryKey"/>.</summary>
    IReadOnlyList<CacheEntry> GetVariants(string primaryKey);

    /// <summary>The largest body any tier of this store accepts.</summary>
    long MaxObjectBytes { get; }

    /// <summary>Marks <paramref name="entry"/> as used (LRU).</summary>
    void Touch(CacheEntry entry);

    /// <summary>Stores <paramref name="entry"/>, replacing the same variant; false when it was not stored.</summary>
    ValueTask<bool> PutAsync(CacheEntry entry, CancellationToken cancellationToken);

    /// <summary>Removes one entry (e.g. one whose body turned out unreadable).</summary>
    void Remove(CacheEntry entry);

    /// <summary>Removes every variant of a URL; returns how many entries were removed.</summary>
    int RemoveKey(string primaryKey);

    /// <summary>Removes every entry <paramref name="predicate"/> selects; returns how many.</summary>
    int RemoveWhere(Func<CacheEntry, bool> predicate);

    /// <summary>
    /// Removes every entry whose request target lies in one of <paramref name="ranges"/> and, when
    /// <paramref name="host"/> is given, whose host is that; answered from the path index (no scan).
    /// </summary>
    int RemoveByTargets(IReadOnlyList<TargetRange> ranges, string? host);

    /// <summary>Removes every entry tagged with one of <paramref name="surrogateKeys"/>; returns how many.</summary>
    int RemoveBySurrogateKeys(IReadOnlyCollection<string> surrogateKeys);

    /// <summary>Removes everything; returns how many entries were removed.</summary>
    int Clear();

    CacheStoreStats Stats { get; }
}
