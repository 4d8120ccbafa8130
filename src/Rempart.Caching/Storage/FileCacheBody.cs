using System.Security.Cryptography;

namespace Rempart.Caching.Storage;

/// <summary>
/// A body stored in an entry file at <see cref="Offset"/>. The first open verifies the body's
/// SHA-256 against the file header (files are immutable once renamed into place, so one check per
/// process suffices); an open handle keeps serving even if the file is deleted meanwhile.
/// </summary>
public sealed class FileCacheBody(string path, long offset, long length, byte[] expectedHash, bool verified) : CacheBody
{
    private volatile bool _verified = verified;

    public string FilePath { get; } = path;

    public long Offset { get; } = offset;

    public override long Length { get; } = length;

    public override async ValueTask<CacheBodyHandle?> OpenAsync(CancellationToken cancellationToken)
    {
        FileStream? stream = null;
        try
        {
            stream = new FileStream(FilePath, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete, 1, FileOptions.Asynchronous);
            if (stream.Length != Offset + Length)
            {
                stream.Dispose();
                return null;
            }
            if (!_verified)
            {
                stream.Position = Offset;
                var hash = await SHA256.HashDataAsync(stream, cancellationToken).ConfigureAwait(false);
                if (!hash.AsSpan().SequenceEqual(expectedHash))
                {
                    stream.Dispose();
                    return null;
                }
                _verified = true;
            }
            return new Handle(stream, Offset, Length);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            stream?.Dispose();
            return null;
        }
    }

    private sealed class Handle(FileStream stream, long offset, long length) : CacheBodyHandle
    {
        private readonly SemaphoreSlim _gate = new(1, 1);

        public override long Length => length;

        public override async ValueTask CopyToAsync(Stream destination, long start, long count, CancellationToken cancellationToken)
        {
            ArgumentOutOfRangeException.ThrowIfNegative(start);
            ArgumentOutOfRangeException.ThrowIfGreaterThan(start + count, length);
            await _gate.WaitAsync(cancellationToken).ConfigureAwait(false);
            try
            {
                var buffer = System.Buffers.ArrayPool<byte>.Shared.Rent((int)Math.Min(81920, Math.Max(1, count)));
                try
                {
                    var position = offset + start;
                    var remaining = count;
                    while (remaining > 0)
                    {
                        var read = await RandomAccess.ReadAsync(stream.SafeFileHandle, buffer.AsMemory(0, (int)Math.Min(buffer.Length, remaining)), position, cancellationToken).ConfigureAwait(false);
                        if (read == 0)
                        {
                            throw new IOException("cache entry file shorter than its header says");
                        }
                        await destination.WriteAsync(buffer.AsMemory(0, read), cancellationToken).ConfigureAwait(false);
                        position += read;
                        remaining -= read;
                    }
                }
                finally
                {
                    System.Buffers.ArrayPool<byte>.Shared.Return(buffer);
                }
            }
            finally
            {
                _gate.Release();
            }
        }

        protected override void Dispose(bool disposing)
        {
            if (disposing)
            {
                stream.Dispose();
                _gate.Dispose();
            }
        }
    }
}
