using Rempart.Gateway.Waf.Statements;

namespace Rempart.Gateway.Automations;

/// <summary>
/// Per-client counts over a sliding window, for one automation: the same
/// <see cref="SlidingWindowCounter"/> the WAF's rate-based rules count with, in a table of its own. Used by a single reader (the automation runner), so
/// no locks. Memory is bounded: at <see cref="Capacity"/> keys the least recently seen tenth is
/// evicted — under millions of source addresses the table stays the same size, and what is
/// forgotten is the quietest clients, not the one being counted now.
/// </summary>
public sealed class ClientWindowCounters(int capacity = ClientWindowCounters.DefaultCapacity)
{
    public const int DefaultCapacity = 100_000;

    private readonly Dictionary<string, SlidingWindowCounter> _counters = new(StringComparer.Ordinal);

    public int Capacity { get; } = capacity;

    public int Count => _counters.Count;

    /// <summary>Keys dropped to stay within <see cref="Capacity"/>.</summary>
    public long Evicted { get; private set; }

    /// <summary>Counts one for the key and returns the estimated count over the window, including it.</summary>
    public double Increment(string key, long nowTicks, long windowTicks)
    {
        if (!_counters.TryGetValue(key, out var counter))
        {
            if (_counters.Count >= Capacity)
            {
                Evict();
            }

            _counters[key] = counter = new SlidingWindowCounter();
        }

        return counter.Add(nowTicks, windowTicks);
    }

    public void Forget(string key) => _counters.Remove(key);

    private void Evict()
    {
        var drop = Math.Max(1, Capacity / 10);
        foreach (var key in _counters.OrderBy(c => c.Value.LastSeen).Take(drop).Select(c => c.Key).ToList())
        {
            _counters.Remove(key);
        }

        Evicted += drop;
    }
}
