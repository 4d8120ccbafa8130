namespace Rempart.Caching.Http;

/// <summary>What the engine needs to know about an origin response: its status and header fields.</summary>
public sealed class CacheResponse
{
    public CacheResponse(int status, IHeaderView headers)
    {
        ArgumentNullException.ThrowIfNull(headers);
        Status = status;
        Headers = headers;
    }

    public int Status { get; }

    public IHeaderView Headers { get; }
}
