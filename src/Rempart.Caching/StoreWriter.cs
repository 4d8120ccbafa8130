using Rempart.Caching.Coalescing;
using Rempart.Caching.Storage;

namespace Rempart.Caching;

/// <summary>
/// Buffers one response body and stores the entry on commit. Owns the fill lease of its key:
/// commit completes it with the store's outcome, abort releases the waiters.
/// </summary>
internal sealed class StoreWriter : IStoreWriter
{
    private readonly Func<byte[], CacheEntry> _buildEntry;
    private readonly ICacheStore _store;
    private readonly long _maxBytes;
    private readonly long? _declaredLength;
    private FillLease? _lease;
    private MemoryStream? _buffer;
    private int _state; // 0 open, 1 committed, 2 aborted

    public StoreWriter(Func<byte[], CacheEntry> buildEntry, ICacheStore store, long maxBytes, long? declaredLength, FillLease? lease)
    {
        _buildEntry = buildEntry;
        _store = store;
        _maxBytes = maxBytes;
        _declaredLength = declaredLength;
        _lease = lease;
        var initial = declaredLength is { } n && n <= maxBytes ? (int)Math.Min(n, 1024 * 1024) : 4096;
        _buffer = new MemoryStream(initial);
    }

    public bool IsAborted => Volatile.Read(ref _state) == 2;

    public void Write(ReadOnlySpan<byte> data)
    {
        if (_state != 0 || _buffer is null)
        {
            return;
        }
        if (_buffer.Length + data.Length > _maxBytes || (_declaredLength is { } declared && _buffer.Length + data.Length > declared))
        {
            Abort();
            return;
        }
        _buffer.Write(data);
    }

    public async ValueTask<bool> CommitAsync(CancellationToken cancellationToken)
    {
        if (Interlocked.CompareExchange(ref _state, 1, 0) != 0 || _buffer is null)
        {
            return false;
        }
        var buffer = _buffer;
        _buffer = null;
        if (_declaredLength is { } declared && buffer.Length != declared)
        {
            Release(stored: false); // truncated: the origin closed before Content-Length bytes
            return false;
        }
        var bytes = buffer.TryGetBuffer(out var segment) && segment.Offset == 0 && segment.Count == segment.Array!.Length
            ? segment.Array
            : buffer.ToArray();
        var stored = false;
        try
        {
            stored = await _store.PutAsync(_buildEntry(bytes), cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            Release(stored);
        }
        return stored;
    }

    public void Abort()
    {
        if (Interlocked.CompareExchange(ref _state, 2, 0) == 0)
        {
            _buffer = null;
            Release(stored: false);
        }
    }

    public void Dispose() => Abort();

    private void Release(bool stored)
    {
        var lease = Interlocked.Exchange(ref _lease, null);
        lease?.Complete(stored);
    }
}
