using System.Security.Cryptography;

namespace Rempart.Caching.Storage;

/// <summary>
/// Writes one entry file as its body streams in: a placeholder header and the metadata first, the
/// body as it arrives (hashed on the way), then the real header, then the rename into place.
/// Any I/O fault turns the writer into a no-op that commits nothing and leaves no temporary file.
/// </summary>
public sealed class SpillWriter : IDisposable
{
    private readonly CacheEntry _template;
    private readonly byte[] _metadata;
    private readonly string _tempPath;
    private readonly Func<CacheEntry, string, long, byte[], CacheEntry?> _publish;
    private readonly IncrementalHash _hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
    private readonly Action<Exception> _onFault;
    private Stream? _stream;

    internal SpillWriter(CacheEntry template, byte[] metadata, Stream stream, string tempPath, Func<CacheEntry, string, long, byte[], CacheEntry?> publish, Action<Exception> onFault)
    {
        _onFault = onFault;
        _template = template;
        _metadata = metadata;
        _stream = stream;
        _tempPath = tempPath;
        _publish = publish;
    }

    public long Length { get; private set; }

    /// <summary>The temporary file being written (readable by a fill's waiters).</summary>
    public string TempPath => _tempPath;

    /// <summary>Where the body starts in the file.</summary>
    public long BodyOffset => CacheEntryFormat.HeaderSize + _metadata.Length;

    /// <summary>Makes every byte written so far visible to readers of <see cref="TempPath"/>.</summary>
    public async ValueTask FlushAsync(CancellationToken cancellationToken)
    {
        if (_stream is null)
        {
            return;
        }
        try
        {
            await _stream.FlushAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or ObjectDisposedException or OperationCanceledException)
        {
            Fail(ex is OperationCanceledException ? null : ex);
        }
    }

    public void Flush()
    {
        try
        {
            _stream?.Flush();
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or ObjectDisposedException)
        {
            Fail(ex);
        }
    }

    public bool Failed { get; private set; }

    /// <summary>Called after a successful commit (the tiered store drops other tiers' older copies).</summary>
    public Action<CacheEntry>? Committed { get; set; }

    public void Write(ReadOnlySpan<byte> data)
    {
        if (_stream is null)
        {
            return;
        }
        try
        {
            _stream.Write(data);
            _hash.AppendData(data);
            Length += data.Length;
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or ObjectDisposedException)
        {
            Fail(ex);
        }
    }

    public async ValueTask WriteAsync(ReadOnlyMemory<byte> data, CancellationToken cancellationToken)
    {
        if (_stream is null)
        {
            return;
        }
        try
        {
            await _stream.WriteAsync(data, cancellationToken).ConfigureAwait(false);
            _hash.AppendData(data.Span);
            Length += data.Length;
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or ObjectDisposedException or OperationCanceledException)
        {
            Fail(ex is OperationCanceledException ? null : ex);
        }
    }

    /// <summary>Finishes the file and publishes the entry; null when anything failed.</summary>
    public async ValueTask<CacheEntry?> CommitAsync(CancellationToken cancellationToken)
    {
        var stream = _stream;
        if (stream is null)
        {
            return null;
        }
        _stream = null;
        try
        {
            var bodyHash = _hash.GetHashAndReset();
            var header = CacheEntryFormat.WriteHeader(_metadata, Length, bodyHash);
            stream.Position = 0;
            await stream.WriteAsync(header, cancellationToken).ConfigureAwait(false);
            await stream.FlushAsync(cancellationToken).ConfigureAwait(false);
            await stream.DisposeAsync().ConfigureAwait(false);
            var entry = _publish(_template, _tempPath, Length, bodyHash);
            if (entry is null)
            {
                TryDelete(_tempPath);
                Failed = true;
                return null;
            }
            Committed?.Invoke(entry);
            return entry;
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or NotSupportedException or OperationCanceledException)
        {
            await DisposeQuietlyAsync(stream).ConfigureAwait(false);
            TryDelete(_tempPath);
            Failed = true;
            if (ex is not OperationCanceledException)
            {
                _onFault(ex);
            }
            return null;
        }
    }

    public void Dispose()
    {
        if (_stream is not null)
        {
            Fail(null); // abandoned before commit: not a storage fault
        }
        _hash.Dispose();
    }

    /// <summary>Abandons the write; <paramref name="fault"/> is the storage error, null when it was not one (cancelled, abandoned).</summary>
    private void Fail(Exception? fault)
    {
        Failed = true;
        if (fault is not null)
        {
            _onFault(fault);
        }
        try
        {
            _stream?.Dispose();
        }
        catch (IOException)
        {
            // disposing a stream on a full disk may throw while flushing; the file is deleted below
        }
        _stream = null;
        TryDelete(_tempPath);
    }

    /// <summary>
    /// Closes the file after a failed write. On a full disk, disposing flushes the bytes still buffered
    /// and fails again (ENOSPC); the handle is closed regardless, and that second error is the same fault.
    /// </summary>
    private static async ValueTask DisposeQuietlyAsync(Stream stream)
    {
        try
        {
            await stream.DisposeAsync().ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or NotSupportedException)
        {
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
        }
    }
}
