using Rempart.Caching;

namespace Rempart.Gateway.Cache;

/// <summary>
/// The response body stream of a forwarded exchange on a cached route: what the forwarder copies
/// is compressed first when the edge compresses this response, then goes to the store writer (when
/// the response is being stored) and on to the client. The writer never throws on storage faults,
/// so the client's copy is never disturbed by the cache.
/// </summary>
internal sealed class CacheTeeStream : Pipeline.WriteOnlyStream
{
    private readonly FanOut _fanOut;
    private Stream? _compressor;

    public CacheTeeStream(Stream client) => _fanOut = new FanOut(client);

    public IStoreWriter? Writer { get => _fanOut.Writer; set => _fanOut.Writer = value; }

    /// <summary>From now on, bytes are compressed with <paramref name="coding"/> before they go out.</summary>
    public void Compress(string coding) => _compressor = EdgeCompression.Compressor(coding, _fanOut);

    /// <summary>Ends the compressed stream (its last block goes out to the writer and the client).</summary>
    public async Task FinishAsync()
    {
        if (_compressor is { } compressor)
        {
            _compressor = null;
            await compressor.DisposeAsync().ConfigureAwait(false);
        }
    }

    public override void Write(byte[] buffer, int offset, int count) => Write(buffer.AsSpan(offset, count));

    public override void Write(ReadOnlySpan<byte> buffer) => (_compressor ?? _fanOut).Write(buffer);

    public override Task WriteAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
        WriteAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

    public override ValueTask WriteAsync(ReadOnlyMemory<byte> buffer, CancellationToken cancellationToken = default) =>
        (_compressor ?? _fanOut).WriteAsync(buffer, cancellationToken);

    public override void Flush() => (_compressor ?? _fanOut).Flush();

    public override Task FlushAsync(CancellationToken cancellationToken) => (_compressor ?? _fanOut).FlushAsync(cancellationToken);

    /// <summary>Each chunk to the store writer, then to the client.</summary>
    private sealed class FanOut(Stream client) : Pipeline.WriteOnlyStream
    {
        public IStoreWriter? Writer { get; set; }

        public override void Write(byte[] buffer, int offset, int count) => Write(buffer.AsSpan(offset, count));

        public override void Write(ReadOnlySpan<byte> buffer)
        {
            Writer?.Write(buffer);
            client.Write(buffer);
        }

        public override Task WriteAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
            WriteAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

        public override async ValueTask WriteAsync(ReadOnlyMemory<byte> buffer, CancellationToken cancellationToken = default)
        {
            if (Writer is { } writer)
            {
                await writer.WriteAsync(buffer, cancellationToken).ConfigureAwait(false);
            }

            await client.WriteAsync(buffer, cancellationToken).ConfigureAwait(false);
        }

        public override void Flush() => client.Flush();

        public override Task FlushAsync(CancellationToken cancellationToken) => client.FlushAsync(cancellationToken);

    }
}
