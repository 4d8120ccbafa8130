using System.Collections.Concurrent;

namespace Rempart.Caching.Coalescing;

/// <summary>
/// One fill per key: the first request for a key becomes the leader; the others wait — at most
/// <c>maxWaiters</c> of them, at most <c>timeout</c> each — for the leader's outcome. A leader that
/// stores a response wakes them to look up again; a leader that fails releases them to the origin
/// (never a cascade of one-by-one retries). Cancellation of a waiter only affects that waiter.
/// </summary>
public sealed class RequestCoalescer
{
    private readonly ConcurrentDictionary<string, Fill> _fills = new(StringComparer.Ordinal);
    private readonly int _maxWaiters;
    private readonly TimeSpan _timeout;
    private readonly TimeProvider _time;

    public RequestCoalescer(int maxWaiters, TimeSpan timeout, TimeProvider time)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(maxWaiters);
        ArgumentNullException.ThrowIfNull(time);
        _maxWaiters = maxWaiters;
        _timeout = timeout;
        _time = time;
    }

    /// <summary>Fills in progress (for metrics and tests).</summary>
    public int ActiveFills => _fills.Count;

    /// <summary>Becomes the leader of <paramref name="key"/> only if no fill is in progress; never waits.</summary>
    public FillLease? TryLead(string key)
    {
        var fill = new Fill();
        return _fills.TryAdd(key, fill) ? new FillLease(this, key, fill) : null;
    }

    public async ValueTask<(CoalesceOutcome Outcome, FillLease? Lease)> JoinAsync(string key, CancellationToken cancellationToken)
    {
        var (outcome, lease, _) = await JoinAsync(key, acceptShare: false, cancellationToken).ConfigureAwait(false);
        return (outcome, lease);
    }

    /// <summary>
    /// Like <see cref="JoinAsync(string, CancellationToken)"/>; with <paramref name="acceptShare"/>
    /// a waiter also wakes when the leader starts storing a response, to stream its body.
    /// </summary>
    public async ValueTask<(CoalesceOutcome Outcome, FillLease? Lease, FillShare? Share)> JoinAsync(string key, bool acceptShare, CancellationToken cancellationToken)
    {
        var mine = new Fill();
        var fill = _fills.GetOrAdd(key, mine);
        if (ReferenceEquals(fill, mine))
        {
            return (CoalesceOutcome.Leader, new FillLease(this, key, mine), null);
        }
        if (Interlocked.Increment(ref fill.Waiters) > _maxWaiters)
        {
            Interlocked.Decrement(ref fill.Waiters);
            return (CoalesceOutcome.Released, null, null);
        }
        try
        {
            if (acceptShare)
            {
                var first = await Task.WhenAny(fill.Completion.Task, fill.Shared.Task).WaitAsync(_timeout, _time, cancellationToken).ConfigureAwait(false);
                if (first == fill.Shared.Task)
                {
                    return (CoalesceOutcome.Shared, null, fill.Shared.Task.Result);
                }
            }
            var stored = await fill.Completion.Task.WaitAsync(_timeout, _time, cancellationToken).ConfigureAwait(false);
            return (stored ? CoalesceOutcome.Filled : CoalesceOutcome.Released, null, null);
        }
        catch (TimeoutException)
        {
            return (CoalesceOutcome.Released, null, null);
        }
        finally
        {
            Interlocked.Decrement(ref fill.Waiters);
        }
    }

    internal void Finish(string key, Fill fill, bool stored)
    {
        _fills.TryRemove(new KeyValuePair<string, Fill>(key, fill));
        fill.Completion.TrySetResult(stored);
    }

    internal sealed class Fill
    {
        public readonly TaskCompletionSource<bool> Completion = new(TaskCreationOptions.RunContinuationsAsynchronously);
        public readonly TaskCompletionSource<FillShare> Shared = new(TaskCreationOptions.RunContinuationsAsynchronously);
        public int Waiters;
    }
}
