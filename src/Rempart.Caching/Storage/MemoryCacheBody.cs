namespace Rempart.Caching.Storage;

/// <summary>A body held in memory; always servable.</summary>
public sealed class MemoryCacheBody(byte[] bytes) : CacheBody
{
    public static readonly MemoryCacheBody Empty = new([]);

    private readonly Handle _handle = new(bytes);

    public byte[] Bytes { get; } = bytes;

    public override long Length => Bytes.Length;

    public override ValueTask<CacheBodyHandle?> OpenAsync(CancellationToken cancellationToken) => new(_handle);

    private sealed class Handle(byte[] bytes) : CacheBodyHandle
    {
        public override long Length => bytes.Length;

        public override ValueTask CopyToAsync(Stream destination, long offset, long count, CancellationToken cancellationToken)
        {
            ArgumentOutOfRangeException.ThrowIfNegative(offset);
            ArgumentOutOfRangeException.ThrowIfGreaterThan(offset + count, bytes.Length);
            return count == 0 ? ValueTask.CompletedTask : destination.WriteAsync(bytes.AsMemory((int)offset, (int)count), cancellationToken);
        }
    }
}
