namespace Rempart.Caching.Coalescing;

/// <summary>
/// The right to fill one key. <see cref="Complete"/> with true wakes the waiters to look up again;
/// false (or disposing without completing — an error, an aborted body) releases them to go to the
/// origin themselves. Completing twice is harmless.
/// </summary>
public sealed class FillLease : IDisposable
{
    private readonly RequestCoalescer _owner;
    private readonly RequestCoalescer.Fill _fill;
    private int _done;

    internal FillLease(RequestCoalescer owner, string key, RequestCoalescer.Fill fill)
    {
        _owner = owner;
        Key = key;
        _fill = fill;
    }

    public string Key { get; }

    /// <summary>Lets the waiters that can take a streamed body start reading it now.</summary>
    public void Share(FillShare share)
    {
        if (Volatile.Read(ref _done) == 0)
        {
            _fill.Shared.TrySetResult(share);
        }
    }

    public void Complete(bool stored)
    {
        if (Interlocked.Exchange(ref _done, 1) == 0)
        {
            _owner.Finish(Key, _fill, stored);
        }
    }

    public void Dispose() => Complete(stored: false);
}
