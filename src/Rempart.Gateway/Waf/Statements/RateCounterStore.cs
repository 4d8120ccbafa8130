using System.Collections.Concurrent;

namespace Rempart.Gateway.Waf.Statements;

/// <summary>
/// Request counters of rate-based rules, per (rule, key), over a sliding window estimated from two
/// fixed windows (the previous window's count weighted by how much of it still overlaps). Lives
/// outside config snapshots, so counts survive reloads. Memory is bounded: at most
/// <see cref="MaxKeysPerRule"/> keys per rule; when full, stale keys are swept, and keys that still
/// do not fit are not tracked (counted in <see cref="Untracked"/>) rather than growing without bound.
/// </summary>
public sealed class RateCounterStore(TimeProvider time)
{
    public const int MaxKeysPerRule = 100_000;

    private readonly ConcurrentDictionary<string, ConcurrentDictionary<string, SlidingWindowCounter>> _rules = new(StringComparer.Ordinal);
    private long _untracked;

    public long Untracked => Interlocked.Read(ref _untracked);

    public TimeProvider Time => time;

    /// <summary>Counts one request for the key and returns the estimated number in the window, including it.</summary>
    public double Increment(string rule, string key, TimeSpan window)
    {
        var counters = _rules.GetOrAdd(rule, _ => new ConcurrentDictionary<string, SlidingWindowCounter>(StringComparer.Ordinal));
        var now = time.GetUtcNow().UtcTicks;
        if (!counters.TryGetValue(key, out var counter))
        {
            if (counters.Count >= MaxKeysPerRule)
            {
                Sweep(counters, now, window.Ticks);
                if (counters.Count >= MaxKeysPerRule)
                {
                    Interlocked.Increment(ref _untracked);
                    return 0;
                }
            }

            counter = counters.GetOrAdd(key, _ => new SlidingWindowCounter());
        }

        lock (counter)
        {
            return counter.Add(now, window.Ticks);
        }
    }

    /// <summary>The estimated number in the window for the key, without counting (0 when never counted).</summary>
    public double Estimate(string rule, string key, TimeSpan window) =>
        _rules.TryGetValue(rule, out var counters) && counters.TryGetValue(key, out var counter)
            ? Estimate(counter, time.GetUtcNow().UtcTicks, window.Ticks)
            : 0;

    /// <summary>The keys currently over <paramref name="limit"/> for a rule (for the admin API).</summary>
    public IReadOnlyList<(string Key, double Rate)> Over(string rule, long limit, TimeSpan window)
    {
        if (!_rules.TryGetValue(rule, out var counters))
        {
            return [];
        }

        var now = time.GetUtcNow().UtcTicks;
        return counters.Select(c => (c.Key, Estimate(c.Value, now, window.Ticks))).Where(c => c.Item2 > limit).OrderByDescending(c => c.Item2).ToList();
    }

    private static double Estimate(SlidingWindowCounter counter, long now, long window)
    {
        lock (counter)
        {
            return counter.Estimate(now, window);
        }
    }

    private static void Sweep(ConcurrentDictionary<string, SlidingWindowCounter> counters, long now, long window)
    {
        foreach (var (key, counter) in counters)
        {
            if (Estimate(counter, now, window) == 0)
            {
                counters.TryRemove(key, out _);
            }
        }
    }
}
