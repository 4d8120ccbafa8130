using Rempart.Caching.Invalidation;

namespace Rempart.Caching.Storage;

/// <summary>
/// The memory tier: size-bounded LRU with an object size limit. Bodies are stored as arrays;
/// an entry whose body lives elsewhere is copied in (only when it fits the object limit).
/// </summary>
public sealed class MemoryCacheStore : ICacheStore
{
    private readonly Lock _lock = new();
    private readonly VariantIndex _index;

    public MemoryCacheStore(long maxBytes, long maxObjectBytes, int maxVariantsPerKey = 32)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(maxBytes);
        ArgumentOutOfRangeException.ThrowIfNegative(maxObjectBytes);
        MaxObjectBytes = Math.Min(maxObjectBytes, Math.Min(maxBytes, Array.MaxLength));
        _index = new VariantIndex(maxBytes, maxVariantsPerKey);
    }

    public long MaxObjectBytes { get; }

    public CacheStoreStats Stats
    {
        get
        {
            lock (_lock)
            {
                return new CacheStoreStats(_index.Count, _index.Bytes, _index.MaxBytes);
            }
        }
    }

    public IReadOnlyList<CacheEntry> GetVariants(string primaryKey)
    {
        lock (_lock)
        {
            return _index.Get(primaryKey);
        }
    }

    public bool Contains(Guid id)
    {
        lock (_lock)
        {
            return _index.Contains(id);
        }
    }

    public void Touch(CacheEntry entry)
    {
        lock (_lock)
        {
            _index.Touch(entry);
        }
    }

    public async ValueTask<bool> PutAsync(CacheEntry entry, CancellationToken cancellationToken)
    {
        if (entry.Body.Length > MaxObjectBytes)
        {
            return false;
        }
        if (entry.Body is not MemoryCacheBody)
        {
            using var handle = await entry.Body.OpenAsync(cancellationToken).ConfigureAwait(false);
            if (handle is null)
            {
                return false;
            }
            entry = entry.WithBody(new MemoryCacheBody(await handle.ReadAllAsync(cancellationToken).ConfigureAwait(false)));
        }
        lock (_lock)
        {
            _index.Put(entry);
        }
        return true;
    }

    public void Remove(CacheEntry entry)
    {
        lock (_lock)
        {
            _index.Remove(entry);
        }
    }

    public void RemoveVariantOf(CacheEntry entry)
    {
        lock (_lock)
        {
            _index.RemoveVariantOf(entry);
        }
    }

    public int RemoveKey(string primaryKey)
    {
        lock (_lock)
        {
            return _index.RemoveKey(primaryKey).Count;
        }
    }

    public int RemoveWhere(Func<CacheEntry, bool> predicate)
    {
        lock (_lock)
        {
            return _index.RemoveWhere(predicate).Count;
        }
    }

    public int RemoveByTargets(IReadOnlyList<TargetRange> ranges, string? host)
    {
        lock (_lock)
        {
            return _index.RemoveByTargets(ranges, host).Count;
        }
    }

    public int RemoveBySurrogateKeys(IReadOnlyCollection<string> surrogateKeys)
    {
        lock (_lock)
        {
            return _index.RemoveByTags(surrogateKeys).Count;
        }
    }

    public int Clear()
    {
        lock (_lock)
        {
            return _index.Clear().Count;
        }
    }

    public void Dispose()
    {
    }
}
