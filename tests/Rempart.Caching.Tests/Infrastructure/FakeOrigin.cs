using System.Text;

namespace Rempart.Caching.Tests.Infrastructure;

/// <summary>
/// An origin that answers from a queue of scripted responses (or a handler) and records what it
/// received, so tests can assert whether the cache went forward and with which headers.
/// </summary>
internal sealed class FakeOrigin
{
    private readonly Queue<OriginReply> _replies = new();

    public List<CacheRequestRecord> Received { get; } = [];

    public Func<CacheRequestRecord, OriginReply>? Handler { get; set; }

    public int Count => Received.Count;

    public FakeOrigin Reply(int status, string body = "", params (string Name, string Value)[] headers)
    {
        _replies.Enqueue(new OriginReply(status, HeaderList.Of(headers), Encoding.UTF8.GetBytes(body)));
        return this;
    }

    public FakeOrigin Reply(OriginReply reply)
    {
        _replies.Enqueue(reply);
        return this;
    }

    public OriginReply Answer(CacheRequestRecord request)
    {
        Received.Add(request);
        if (_replies.Count > 0)
        {
            return _replies.Dequeue();
        }
        if (Handler is not null)
        {
            return Handler(request);
        }
        throw new InvalidOperationException($"the origin has no reply scripted for request #{Received.Count} ({request.Method} {request.Path})");
    }
}

internal sealed record OriginReply(int Status, HeaderList Headers, byte[] Body)
{
    /// <summary>Fails as a connection error (no response at all).</summary>
    public bool ConnectionFailure { get; init; }

    /// <summary>Delivers only this many body bytes, then fails (an origin that dies mid-body).</summary>
    public int? AbortAfterBytes { get; init; }
}

internal sealed record CacheRequestRecord(string Method, string Path, HeaderList Headers);
