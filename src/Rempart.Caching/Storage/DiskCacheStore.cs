using System.Security.Cryptography;
using Rempart.Caching.Invalidation;

namespace Rempart.Caching.Storage;

/// <summary>
/// The disk tier: one file per entry under <c>{root}/v1/{xx}/{id}.entry</c> in
/// <see cref="CacheEntryFormat"/>, an in-memory index rebuilt at start from the files' metadata,
/// size-bounded LRU. Writes go to <c>{root}/v1/tmp</c> and are renamed into place. Faults (disk
/// full, directory deleted at run time, permissions) make a write "not stored" and a read a miss;
/// the directories are recreated on the next write.
/// </summary>
public sealed class DiskCacheStore : ICacheStore, ISpillableStore
{
    private readonly Lock _lock = new();
    private readonly VariantIndex _index;
    private readonly string _root;
    private readonly string _temp;
    private readonly IReadOnlyList<string> _targetedFields;
    private readonly bool _flushToDisk;

    private DiskCacheStore(string directory, long maxBytes, long maxObjectBytes, int maxVariantsPerKey, IReadOnlyList<string> targetedFields, bool flushToDisk)
    {
        _root = Path.Combine(directory, "v" + CacheEntryFormat.Version);
        _temp = Path.Combine(_root, "tmp");
        _index = new VariantIndex(maxBytes, maxVariantsPerKey);
        MaxObjectBytes = Math.Min(maxObjectBytes, maxBytes);
        _targetedFields = targetedFields;
        _flushToDisk = flushToDisk;
    }

    public long MaxObjectBytes { get; }

    /// <summary>Failed writes since start (disk full, directory gone...).</summary>
    public long WriteFailures => Interlocked.Read(ref _writeFailures);

    private long _writeFailures;

    /// <summary>True from a failed write until the next successful one: the tier is not storing (disk full, folder gone, permissions).</summary>
    public bool Failing => Volatile.Read(ref _failing) != 0;

    private int _failing;

    /// <summary>
    /// Called once when the tier starts failing (with the error) and once when a write succeeds again
    /// (with null) — not per write, so a full disk under load makes one log line, not thousands.
    /// </summary>
    public Action<Exception?>? FailingChanged { get; set; }

    /// <summary>Fault injection for tests (a disk that fills up): creates the stream a temporary entry is written to.</summary>
    internal Func<string, Stream>? CreateTempStream { get; set; }

    /// <summary>
    /// Opens the tier in <paramref name="directory"/>: removes leftover temporary files, indexes the
    /// valid entries and deletes torn, foreign or unknown-version ones.
    /// </summary>
    public static DiskCacheStore Open(string directory, long maxBytes, long maxObjectBytes, IReadOnlyList<string> targetedFields, int maxVariantsPerKey = 32, bool flushToDisk = false)
    {
        ArgumentException.ThrowIfNullOrEmpty(directory);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(maxBytes);
        var store = new DiskCacheStore(directory, maxBytes, maxObjectBytes, maxVariantsPerKey, targetedFields, flushToDisk);
        store.EnsureDirectories();
        store.Scan();
        return store;
    }

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
        using var spill = BeginSpill(entry);
        if (spill is null)
        {
            return false;
        }
        if (entry.Body is MemoryCacheBody memory)
        {
            await spill.WriteAsync(memory.Bytes, cancellationToken).ConfigureAwait(false);
        }
        else
        {
            // A stored body (a 304 update of a disk entry): stream it across, never into memory.
            using var handle = await entry.Body.OpenAsync(cancellationToken).ConfigureAwait(false);
            if (handle is null)
            {
                return false;
            }
            await using var sink = new SpillSink(spill);
            await handle.CopyToAsync(sink, 0, handle.Length, cancellationToken).ConfigureAwait(false);
        }
        return !spill.Failed && await spill.CommitAsync(cancellationToken).ConfigureAwait(false) is not null;
    }

    public SpillWriter? BeginSpill(CacheEntry template)
    {
        var metadata = CacheEntryFormat.WriteMetadata(template);
        var tempPath = Path.Combine(_temp, template.Id.ToString("N") + "-" + Guid.NewGuid().ToString("N")[..8] + ".tmp");
        Stream? stream = null;
        try
        {
            EnsureDirectories();
            stream = CreateTempStream?.Invoke(tempPath) ?? new FileStream(tempPath, FileMode.CreateNew, FileAccess.ReadWrite, FileShare.Read | FileShare.Delete, 64 * 1024, FileOptions.Asynchronous);
            stream.Write(new byte[CacheEntryFormat.HeaderSize]);
            stream.Write(metadata);
            return new SpillWriter(template, metadata, stream, tempPath, Publish, Fault);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            Fault(ex);
            stream?.Dispose();
            TryDelete(tempPath);
            return null;
        }
    }

    /// <summary>Renames a finished temporary file into place and indexes it; null when the rename fails.</summary>
    private CacheEntry? Publish(CacheEntry template, string tempPath, long bodyLength, byte[] bodyHash)
    {
        if (bodyLength > MaxObjectBytes)
        {
            return null;
        }
        var finalPath = FilePathFor(template.Id);
        try
        {
            Directory.CreateDirectory(Path.GetDirectoryName(finalPath)!);
            if (_flushToDisk)
            {
                using var file = new FileStream(tempPath, FileMode.Open, FileAccess.ReadWrite);
                file.Flush(flushToDisk: true);
            }
            File.Move(tempPath, finalPath, overwrite: true);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            Fault(ex);
            return null;
        }
        if (Interlocked.Exchange(ref _failing, 0) != 0)
        {
            FailingChanged?.Invoke(null);
        }
        var metadataLength = CacheEntryFormat.WriteMetadata(template).Length;
        var stored = template.WithBody(new FileCacheBody(finalPath, CacheEntryFormat.HeaderSize + metadataLength, bodyLength, bodyHash, verified: true));
        List<CacheEntry> dropped;
        lock (_lock)
        {
            dropped = _index.Put(stored);
        }
        DeleteFiles(dropped.Where(e => e.Id != stored.Id).ToList());
        return stored;
    }

    public void Remove(CacheEntry entry)
    {
        bool removed;
        lock (_lock)
        {
            removed = _index.Remove(entry);
        }
        if (removed)
        {
            TryDelete(FilePathFor(entry.Id));
        }
    }

    public void RemoveVariantOf(CacheEntry entry)
    {
        List<CacheEntry> removed;
        lock (_lock)
        {
            removed = _index.RemoveVariantOf(entry);
        }
        DeleteFiles(removed);
    }

    public int RemoveKey(string primaryKey)
    {
        List<CacheEntry> removed;
        lock (_lock)
        {
            removed = _index.RemoveKey(primaryKey);
        }
        DeleteFiles(removed);
        return removed.Count;
    }

    public int RemoveWhere(Func<CacheEntry, bool> predicate)
    {
        List<CacheEntry> removed;
        lock (_lock)
        {
            removed = _index.RemoveWhere(predicate);
        }
        DeleteFiles(removed);
        return removed.Count;
    }

    public int RemoveByTargets(IReadOnlyList<TargetRange> ranges, string? host)
    {
        List<CacheEntry> removed;
        lock (_lock)
        {
            removed = _index.RemoveByTargets(ranges, host);
        }
        DeleteFiles(removed);
        return removed.Count;
    }

    public int RemoveBySurrogateKeys(IReadOnlyCollection<string> surrogateKeys)
    {
        List<CacheEntry> removed;
        lock (_lock)
        {
            removed = _index.RemoveByTags(surrogateKeys);
        }
        DeleteFiles(removed);
        return removed.Count;
    }

    public int Clear()
    {
        List<CacheEntry> removed;
        lock (_lock)
        {
            removed = _index.Clear();
        }
        DeleteFiles(removed);
        return removed.Count;
    }

    public void Dispose()
    {
    }

    private void Fault(Exception error)
    {
        Interlocked.Increment(ref _writeFailures);
        if (Interlocked.Exchange(ref _failing, 1) == 0)
        {
            FailingChanged?.Invoke(error);
        }
    }

    private string FilePathFor(Guid id)
    {
        var name = id.ToString("N");
        return Path.Combine(_root, name[..2], name + ".entry");
    }

    private void EnsureDirectories()
    {
        Directory.CreateDirectory(_root);
        Directory.CreateDirectory(_temp);
    }

    private void Scan()
    {
        foreach (var stale in SafeEnumerate(_temp, "*.tmp"))
        {
            TryDelete(stale);
        }
        var loaded = new List<CacheEntry>();
        foreach (var file in SafeEnumerate(_root, "*.entry", recursive: true))
        {
            var entry = TryLoad(file);
            if (entry is null)
            {
                TryDelete(file);
                continue;
            }
            loaded.Add(entry);
        }
        // Oldest first so that the LRU order after a restart follows the response times.
        loaded.Sort((a, b) => a.ResponseTime.CompareTo(b.ResponseTime));
        var dropped = new List<CacheEntry>();
        lock (_lock)
        {
            foreach (var entry in loaded)
            {
                dropped.AddRange(_index.Put(entry));
            }
        }
        DeleteFiles(dropped);
    }

    private CacheEntry? TryLoad(string file)
    {
        try
        {
            using var stream = new FileStream(file, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
            Span<byte> headerBytes = stackalloc byte[CacheEntryFormat.HeaderSize];
            if (stream.ReadAtLeast(headerBytes, headerBytes.Length, throwOnEndOfStream: false) != headerBytes.Length
                || !CacheEntryFormat.TryReadHeader(headerBytes, out var header)
                || stream.Length != header.TotalLength)
            {
                return null;
            }
            var metadata = new byte[header.MetadataLength];
            if (stream.ReadAtLeast(metadata, metadata.Length, throwOnEndOfStream: false) != metadata.Length
                || !SHA256.HashData(metadata).AsSpan().SequenceEqual(header.MetadataHash))
            {
                return null;
            }
            var body = new FileCacheBody(file, CacheEntryFormat.HeaderSize + header.MetadataLength, header.BodyLength, header.BodyHash, verified: false);
            var entry = CacheEntryFormat.TryReadMetadata(metadata, body, _targetedFields);
            return entry is not null && FilePathFor(entry.Id) == file ? entry : null;
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            return null;
        }
    }

    private void DeleteFiles(List<CacheEntry> entries)
    {
        foreach (var entry in entries)
        {
            TryDelete(FilePathFor(entry.Id));
        }
    }

    private static IEnumerable<string> SafeEnumerate(string directory, string pattern, bool recursive = false)
    {
        try
        {
            return Directory.EnumerateFiles(directory, pattern, recursive ? SearchOption.AllDirectories : SearchOption.TopDirectoryOnly).ToList();
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            return [];
        }
    }

    private static void TryDelete(string path)
    {
        try
        {
            File.Delete(path);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            // A file we cannot delete is still never served: the index no longer names it.
        }
    }
}
