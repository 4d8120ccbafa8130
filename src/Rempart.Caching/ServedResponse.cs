using Rempart.Caching.Http;
using Rempart.Caching.Storage;

namespace Rempart.Caching;

/// <summary>
/// A response the cache answers with: status, header fields (stored fields plus <c>Age</c> and
/// <c>Cache-Status</c>) and, when <see cref="HasBody"/>, the byte range of the stored body to send.
/// The host writes <see cref="Status"/> and <see cref="Headers"/>, then calls <see cref="CopyBodyToAsync"/>.
/// </summary>
public sealed class ServedResponse
{
    private readonly CacheBodyHandle? _body;

    internal ServedResponse(int status, HeaderList headers, CacheEntry? entry, CacheBodyHandle? body, long offset, long length)
    {
        Status = status;
        Headers = headers;
        Entry = entry;
        _body = body;
        BodyOffset = offset;
        BodyLength = length;
    }

    public int Status { get; }

    public HeaderList Headers { get; }

    /// <summary>The stored entry served (null for a generated 504).</summary>
    public CacheEntry? Entry { get; }

    public bool HasBody => _body is not null && BodyLength > 0;

    public long BodyOffset { get; }

    public long BodyLength { get; }

    /// <summary>Copies the body bytes to send (nothing for HEAD, 304, 416, 504).</summary>
    public ValueTask CopyBodyToAsync(Stream destination, CancellationToken cancellationToken) =>
        HasBody ? _body!.CopyToAsync(destination, BodyOffset, BodyLength, cancellationToken) : ValueTask.CompletedTask;
}
