namespace Rempart.Caching;

/// <summary>
/// Receives an origin response's body while the host streams it to the client. Call
/// <see cref="CommitAsync"/> only when the body ended normally; any error, client abort or origin
/// abort must end in <see cref="Abort"/> (or disposal without commit), so a truncated body is never
/// stored. A body longer than the route's object limit, or whose length disagrees with
/// <c>Content-Length</c>, is not stored either. Writes after an abort are ignored, so the host can
/// keep streaming to the client.
/// </summary>
public interface IStoreWriter : IDisposable
{
    /// <summary>True once the writer gave up (too large, aborted); further writes are no-ops.</summary>
    bool IsAborted { get; }

    void Write(ReadOnlySpan<byte> data);

    /// <summary>Like <see cref="Write"/>, without blocking on disk I/O once the body streams to disk.</summary>
    ValueTask WriteAsync(ReadOnlyMemory<byte> data, CancellationToken cancellationToken);

    /// <summary>Stores the response; true when it was stored.</summary>
    ValueTask<bool> CommitAsync(CancellationToken cancellationToken);

    void Abort();
}
