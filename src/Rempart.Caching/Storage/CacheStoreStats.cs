namespace Rempart.Caching.Storage;

/// <summary>A tier's size at one moment.</summary>
public readonly record struct CacheStoreStats(int Entries, long Bytes, long MaxBytes);
