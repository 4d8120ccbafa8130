namespace Rempart.Gateway.Waf.Statements;

/// <summary>
/// One key's count over a sliding window, estimated from two fixed windows: the current window's
/// count plus the previous one's weighted by how much of it the sliding window still overlaps (what
/// AWS WAF rate-based rules and nginx-style limiters approximate). Times and windows are ticks.
/// Not thread-safe: <see cref="RateCounterStore"/> locks around it; the automations' counters have
/// a single reader. The one implementation of this arithmetic in the gateway.
/// </summary>
public sealed class SlidingWindowCounter
{
    private long _windowStart;
    private long _current;
    private long _previous;

    /// <summary>When <see cref="Add"/> last ran (ticks), for least-recently-seen eviction.</summary>
    public long LastSeen { get; private set; }

    /// <summary>Counts one at <paramref name="now"/> and returns the estimate over the window, including it.</summary>
    public double Add(long now, long window)
    {
        LastSeen = now;
        Roll(now, window);
        _current++;
        return EstimateRolled(now, window);
    }

    /// <summary>The estimate over the window ending at <paramref name="now"/>, without counting.</summary>
    public double Estimate(long now, long window)
    {
        Roll(now, window);
        return EstimateRolled(now, window);
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

    private double EstimateRolled(long now, long window) => _previous * (1 - (double)(now - _windowStart) / window) + _current;
}
