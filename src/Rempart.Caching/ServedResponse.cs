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

    /// <summary>
    /// A response whose body streams from a fill in progress: the window from <paramref name="offset"/>
    /// of <paramref name="length"/> bytes (-1: to the end, length unknown).
    /// </summary>
    internal static ServedResponse Streaming(int status, HeaderList headers, CacheEntry template, Coalescing.FillProgress progress, long offset = 0, long length = -1) =>
        new(progress, status, headers, template, offset, length);

    private ServedResponse(Coalescing.FillProgress progress, int status, HeaderList headers, CacheEntry template, long offset, long length)
    {
        Status = status;
        Headers = headers;
        Entry = template;
        _progress = progress;
        BodyOffset = offset;
        BodyLength = length >= 0 ? length : progress.DeclaredLength ?? -1;
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
            return _progress.CopyToAsync(destination, BodyOffset, BodyOffset == 0 && _progress.DeclaredLength is null ? -1 : BodyLength, cancellationToken);
        }
        return HasBody ? _body!.CopyToAsync(destination, BodyOffset, BodyLength, cancellationToken) : ValueTask.CompletedTask;
    }
}
