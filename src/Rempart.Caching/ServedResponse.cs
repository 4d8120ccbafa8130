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
    private readonly Coalescing.FillProgress? _progress;

    internal ServedResponse(int status, HeaderList headers, CacheEntry? entry, CacheBodyHandle? body, long offset, long length)
    {
        Status = status;
        Headers = headers;
        Entry = entry;
        _body = body;
        BodyOffset = offset;
        BodyLength = length;
    }

    /// <summary>A response whose body streams from a fill in progress; <see cref="BodyLength"/> is -1 when unknown.</summary>
    internal ServedResponse(int status, HeaderList headers, CacheEntry template, Coalescing.FillProgress progress)
    {
        Status = status;
        Headers = headers;
        Entry = template;
        _progress = progress;
        BodyLength = progress.DeclaredLength ?? -1;
    }

    public int Status { get; }

    public HeaderList Headers { get; }

    /// <summary>The stored entry served (null for a generated 504).</summary>
    public CacheEntry? Entry { get; }

    public bool HasBody => _progress is not null || (_body is not null && BodyLength > 0);

    public long BodyOffset { get; }

    /// <summary>Bytes to send; -1 when a shared fill's length is not known yet (send it chunked).</summary>
    public long BodyLength { get; }

    /// <summary>Copies the body bytes to send (nothing for HEAD, 304, 416, 504).</summary>
    public ValueTask CopyBodyToAsync(Stream destination, CancellationToken cancellationToken)
    {
        if (_progress is not null)
        {
            return _progress.CopyToAsync(destination, cancellationToken);
        }
        return HasBody ? _body!.CopyToAsync(destination, BodyOffset, BodyLength, cancellationToken) : ValueTask.CompletedTask;
    }
}
