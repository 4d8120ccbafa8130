namespace Rempart.Caching.Storage;

/// <summary>Builds the store a node runs with: memory only, or memory in front of disk.</summary>
public static class CacheStoreFactory
{
    /// <summary>
    /// Memory tier of <paramref name="memoryBytes"/> (objects up to <paramref name="memoryObjectBytes"/>);
    /// with <paramref name="diskDirectory"/>, a disk tier behind it. Opening the disk tier reads
    /// every entry's metadata, so call this off the request path at start-up.
    /// </summary>
    public static ICacheStore Create(
        long memoryBytes,
        long memoryObjectBytes,
        string? diskDirectory,
        long diskBytes,
        long diskObjectBytes,
        CacheEngineOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var memory = new MemoryCacheStore(memoryBytes, memoryObjectBytes);
        if (string.IsNullOrEmpty(diskDirectory))
        {
            return memory;
        }
        var disk = DiskCacheStore.Open(diskDirectory, diskBytes, diskObjectBytes, options.TargetedFields);
        return new TieredCacheStore(memory, disk);
    }
}
