using Rempart.Caching.Invalidation;

namespace Rempart.Caching.Storage;

/// <summary>
/// Memory in front of disk. Writes go to both (memory only when the body fits its object limit);
/// lookups see the union, memory copies first; a disk entry that is served and fits the memory
/// tier is promoted. Invalidation applies to both.
/// </summary>
public sealed class TieredCacheStore(MemoryCacheStore memory, DiskCacheStore disk) : ICacheStore, ISpillableStore
{
    public MemoryCacheStore Memory { get; } = memory;

    public DiskCacheStore Disk { get; } = disk;

    public CacheStoreStats Stats
    {
        get
        {
            var m = Memory.Stats;
            var d = Disk.Stats;
            return new CacheStoreStats(d.Entries, m.Bytes + d.Bytes, m.MaxBytes + d.MaxBytes);
        }
    }

    public IReadOnlyList<CacheEntry> GetVariants(string primaryKey)
    {
        var inMemory = Memory.GetVariants(primaryKey);
        var onDisk = Disk.GetVariants(primaryKey);
        if (onDisk.Count == 0)
        {
            return inMemory;
        }
        if (inMemory.Count == 0)
        {
            return onDisk;
        }
        var result = new List<CacheEntry>(inMemory);
        foreach (var entry in onDisk)
        {
            if (!result.Exists(e => e.Id == entry.Id))
            {
                result.Add(entry);
            }
        }
        return result;
    }

    public void Touch(CacheEntry entry)
    {
        Memory.Touch(entry);
        Disk.Touch(entry);
        if (entry.Body is FileCacheBody && entry.Body.Length <= Memory.MaxObjectBytes && !Memory.Contains(entry.Id))
        {
            _ = PromoteAsync(entry);
        }
    }

    private async Task PromoteAsync(CacheEntry entry)
    {
        try
        {
            await Memory.PutAsync(entry, CancellationToken.None).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or ObjectDisposedException)
        {
            // The file vanished or shrank under us: the copy is simply not made.
        }
    }

    public async ValueTask<bool> PutAsync(CacheEntry entry, CancellationToken cancellationToken)
    {
        var inMemory = entry.Body.Length <= Memory.MaxObjectBytes && await Memory.PutAsync(entry, cancellationToken).ConfigureAwait(false);
        if (!inMemory)
        {
            // An older version of this variant must not outlive the new one in the other tier.
            Memory.RemoveVariantOf(entry);
        }
        var onDisk = await Disk.PutAsync(entry, cancellationToken).ConfigureAwait(false);
        if (!onDisk)
        {
            Disk.RemoveVariantOf(entry);
        }
        return inMemory || onDisk;
    }

    public long MaxObjectBytes => Math.Max(Memory.MaxObjectBytes, Disk.MaxObjectBytes);

    /// <summary>Large fills stream to disk; a committed one retires the memory copy of its variant.</summary>
    public SpillWriter? BeginSpill(CacheEntry template)
    {
        var writer = Disk.BeginSpill(template);
        if (writer is not null)
        {
            writer.Committed = Memory.RemoveVariantOf;
        }
        return writer;
    }

    public void Remove(CacheEntry entry)
    {
        Memory.Remove(entry);
        Disk.Remove(entry);
    }

    public int RemoveKey(string primaryKey) => Math.Max(Memory.RemoveKey(primaryKey), Disk.RemoveKey(primaryKey));

    public int RemoveWhere(Func<CacheEntry, bool> predicate) => Math.Max(Memory.RemoveWhere(predicate), Disk.RemoveWhere(predicate));

    public int RemoveByTargets(IReadOnlyList<TargetRange> ranges, string? host) =>
        Math.Max(Memory.RemoveByTargets(ranges, host), Disk.RemoveByTargets(ranges, host));

    public int RemoveBySurrogateKeys(IReadOnlyCollection<string> surrogateKeys) =>
        Math.Max(Memory.RemoveBySurrogateKeys(surrogateKeys), Disk.RemoveBySurrogateKeys(surrogateKeys));

    public int Clear() => Math.Max(Memory.Clear(), Disk.Clear());

    public void Dispose()
    {
        Memory.Dispose();
        Disk.Dispose();
    }
}
