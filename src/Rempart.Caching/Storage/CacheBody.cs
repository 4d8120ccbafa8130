namespace Rempart.Caching.Storage;

/// <summary>
/// The stored body of an entry. <see cref="OpenAsync"/> returns null when the body cannot be served
/// exactly as stored (file gone, torn, checksum mismatch); the engine then drops the entry and
/// treats the request as a miss — wrong bytes are never served.
/// </summary>
public abstract class CacheBody
{
    public abstract long Length { get; }

    public abstract ValueTask<CacheBodyHandle?> OpenAsync(CancellationToken cancellationToken);
}
