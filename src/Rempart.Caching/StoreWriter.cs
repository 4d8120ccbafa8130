using Rempart.Caching.Coalescing;
using Rempart.Caching.Storage;

namespace Rempart.Caching;

/// <summary>
/// Receives one response body and stores the entry on commit. Small bodies are buffered in memory;
/// past the spill threshold the body streams into the disk tier's entry file (when the store has
/// one), so memory per fill stays bounded. Owns the fill lease of its key: commit completes it
/// with the store's outcome, abort releases the waiters.
/// </summary>
internal sealed class StoreWriter : IStoreWriter
{
    private readonly CacheEntry _template; // every field but the body
    private readonly ICacheStore _store;
    private readonly long _maxBytes;
    private readonly long? _declaredLength;
    private readonly int _spillThreshold;
    private readonly FillProgress? _progress;
    private FillLease? _lease;
    private MemoryStream? _buffer;
    private SpillWriter? _spill;
    private long _length;
    private int _state; // 0 open, 1 committed, 2 aborted

    public StoreWriter(CacheEntry template, ICacheStore store, long maxBytes, long? declaredLength, int spillThreshold, FillLease? lease, FillProgress? progress = null)
    {
        _progress = progress;
        _template = template;
        _store = store;
        _maxBytes = Math.Min(maxBytes, store.MaxObjectBytes);
        _declaredLength = declaredLength;
        _spillThreshold = spillThreshold;
        _lease = lease;
        var initial = declaredLength is { } n && n <= _maxBytes ? (int)Math.Min(n, spillThreshold) : 4096;
        _buffer = new MemoryStream(initial);
        if (declaredLength > _maxBytes)
        {
            Abort();
        }
    }

    public bool IsAborted => Volatile.Read(ref _state) == 2;

    public void Write(ReadOnlySpan<byte> data)
    {
        if (!Accept(data.Length))
        {
            return;
        }
        if (_spill is not null)
        {
            _spill.Write(data);
            if (_progress is not null)
            {
                _spill.Flush();
            }
            CheckSpill();
            PublishProgress();
            return;
        }
        _buffer!.Write(data);
        MaybeSpill();
        PublishProgress();
    }

    public async ValueTask WriteAsync(ReadOnlyMemory<byte> data, CancellationToken cancellationToken)
    {
        if (!Accept(data.Length))
        {
            return;
        }
        if (_spill is not null)
        {
            await _spill.WriteAsync(data, cancellationToken).ConfigureAwait(false);
            if (_progress is not null)
            {
                await _spill.FlushAsync(cancellationToken).ConfigureAwait(false);
            }
            CheckSpill();
            PublishProgress();
            return;
        }
        _buffer!.Write(data.Span);
        MaybeSpill();
        PublishProgress();
    }

    public async ValueTask<bool> CommitAsync(CancellationToken cancellationToken)
    {
        if (Interlocked.CompareExchange(ref _state, 1, 0) != 0)
        {
            return false;
        }
        var buffer = _buffer;
        var spill = _spill;
        _buffer = null;
        _spill = null;
        if (_declaredLength is { } declared && _length != declared)
        {
            spill?.Dispose();
            _progress?.Fail();
            Release(stored: false); // truncated: the origin closed before Content-Length bytes
            return false;
        }
        var stored = false;
        try
        {
            if (spill is not null)
            {
                var entry = await spill.CommitAsync(cancellationToken).ConfigureAwait(false);
                stored = entry is not null;
                if (entry?.Body is FileCacheBody file)
                {
                    _progress?.Complete(file.FilePath);
                }
            }
            else if (buffer is not null)
            {
                _progress?.Complete(); // the whole body is in memory: waiters can finish either way
                var bytes = buffer.TryGetBuffer(out var segment) && segment.Offset == 0 && segment.Count == segment.Array!.Length
                    ? segment.Array
                    : buffer.ToArray();
                stored = await _store.PutAsync(_template.WithBody(new MemoryCacheBody(bytes)), cancellationToken).ConfigureAwait(false);
            }
        }
        finally
        {
            spill?.Dispose();
            _progress?.Fail(); // no-op once complete
            Release(stored);
        }
        return stored;
    }

    public void Abort()
    {
        if (Interlocked.CompareExchange(ref _state, 2, 0) == 0)
        {
            _buffer = null;
            _spill?.Dispose();
            _spill = null;
            _progress?.Fail();
            Release(stored: false);
        }
    }

    public void Dispose() => Abort();

    private bool Accept(int count)
    {
        if (_state != 0)
        {
            return false;
        }
        _length += count;
        if (_length > _maxBytes || _length > _declaredLength)
        {
            Abort();
            return false;
        }
        return true;
    }

    private void MaybeSpill()
    {
        if (_buffer!.Length <= _spillThreshold || _store is not ISpillableStore spillable)
        {
            return;
        }
        var spill = spillable.BeginSpill(_template);
        if (spill is null)
        {
            return; // the disk is not taking entries now: keep buffering up to the object limit
        }
        spill.Write(_buffer.GetBuffer().AsSpan(0, (int)_buffer.Length));
        if (_progress is not null)
        {
            spill.Flush(); // readers of the fill switch to the file: everything published must be there
        }
        _buffer = null;
        _spill = spill;
        CheckSpill();
    }

    private void PublishProgress()
    {
        if (_progress is null || _state != 0)
        {
            return;
        }
        if (_spill is not null)
        {
            _progress.PublishFile(_spill.TempPath, _spill.BodyOffset, _spill.Length);
        }
        else if (_buffer is not null)
        {
            _progress.PublishMemory(_buffer.GetBuffer(), _buffer.Length);
        }
    }

    private void CheckSpill()
    {
        if (_spill is { Failed: true })
        {
            Abort(); // disk full or gone mid-body: not stored; the client still gets every byte
        }
    }

    private void Release(bool stored)
    {
        var lease = Interlocked.Exchange(ref _lease, null);
        lease?.Complete(stored);
    }
}
