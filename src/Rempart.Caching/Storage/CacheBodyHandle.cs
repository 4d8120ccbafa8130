namespace Rempart.Caching.Storage;

/// <summary>An opened, verified body; copying from it cannot observe a later deletion of its file.</summary>
public abstract class CacheBodyHandle : IDisposable
{
    public abstract long Length { get; }

    /// <summary>Copies <paramref name="count"/> bytes from <paramref name="offset"/> to <paramref name="destination"/>.</summary>
    public abstract ValueTask CopyToAsync(Stream destination, long offset, long count, CancellationToken cancellationToken);

    /// <summary>Reads the whole body (bounded by the caller's size limits).</summary>
    public async ValueTask<byte[]> ReadAllAsync(CancellationToken cancellationToken)
    {
        var bytes = new byte[Length];
        using var ms = new MemoryStream(bytes, writable: true);
        await CopyToAsync(ms, 0, Length, cancellationToken).ConfigureAwait(false);
        return bytes;
    }

    public void Dispose()
    {
        Dispose(true);
        GC.SuppressFinalize(this);
    }

    protected virtual void Dispose(bool disposing)
    {
    }
}
