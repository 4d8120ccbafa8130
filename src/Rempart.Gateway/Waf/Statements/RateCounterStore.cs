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

    private readonly ConcurrentDictionary<string, ConcurrentDictionary<string, Counter>> _rules = new(StringComparer.Ordinal);
    private long _untracked;

    public long Untracked => Interlocked.Read(ref _untracked);

    public TimeProvider Time => time;

    /// <summary>Counts one request for the key and returns the estimated number in the window, including it.</summary>
    public double Increment(string rule, string key, TimeSpan window)
    {
        var counters = _rules.GetOrAdd(rule, _ => new ConcurrentDictionary<string, Counter>(StringComparer.Ordinal));
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

            counter = counters.GetOrAdd(key, _ => new Counter());
        }

        return counter.Add(now, window.Ticks);
    }

    /// <summary>The keys currently over <paramref name="limit"/> for a rule (for the admin API).</summary>
    public IReadOnlyList<(string Key, double Rate)> Over(string rule, long limit, TimeSpan window)
    {
        if (!_rules.TryGetValue(rule, out var counters))
        {
            return [];
        }

        var now = time.GetUtcNow().UtcTicks;
        return counters.Select(c => (c.Key, c.Value.Estimate(now, window.Ticks))).Where(c => c.Item2 > limit).OrderByDescending(c => c.Item2).ToList();
    }

    private static void Sweep(ConcurrentDictionary<string, Counter> counters, long now, long window)
    {
        foreach (var (key, counter) in counters)
        {
            if (counter.Estimate(now, window) == 0)
            {
                counters.TryRemove(key, out _);
            }
        }
    }

    private sealed class Counter
    {
        private long _windowStart;
        private long _current;
        private long _previous;

        public double Add(long now, long window)
        {
            lock (this)
            {
                Roll(now, window);
                _current++;
                return EstimateLocked(now, window);
            }
        }

        public double Estimate(long now, long window)
        {
            lock (this)
            {
                Roll(now, window);
                return EstimateLocked(now, window);
            }
        }

        private void Roll(long now, long window)
        {
            var start = now - now % window;
            if (start == _windowStart)
            {
                return;
            }

            _previous = start - _windowStart == window ? _current : 0;
            _current = 0;
            _windowStart = start;
        }

        private double EstimateLocked(long now, long window)
        {
            var elapsed = (double)(now - _windowStart) / window;
            return _previous * (1 - elapsed) + _current;
        }
    }
}
