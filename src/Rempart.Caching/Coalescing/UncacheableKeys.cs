using System.Collections.Concurrent;

namespace Rempart.Caching.Coalescing;

/// <summary>
/// Keys whose last fill stored nothing (an uncacheable answer, a failure, or a wait that timed out),
/// remembered for a while so that later misses on them go straight to the origin instead of queueing
/// behind each other: Varnish's hit-for-miss. Without it, every concurrent request to a slow,
/// uncacheable URL (a long poll, a report) would wait on the one before it. Bounded: past
/// <see cref="MaxKeys"/> the memory is cleared, which only brings coalescing back.
/// </summary>
public sealed class UncacheableKeys(TimeSpan ttl, TimeProvider time)
{
    public const int MaxKeys = 65_536;

    private readonly ConcurrentDictionary<string, long> _until = new(StringComparer.Ordinal);

    public int Count => _until.Count;

    public void Mark(string key)
    {
        if (ttl <= TimeSpan.Zero)
        {
            return;
        }

        if (_until.Count >= MaxKeys)
        {
            _until.Clear();
        }

        _until[key] = (time.GetUtcNow() + ttl).UtcTicks;
    }

    public void Forget(string key) => _until.TryRemove(key, out _);

    public bool IsMarked(string key)
    {
        if (_until.IsEmpty || !_until.TryGetValue(key, out var until))
        {
            return false;
        }

        if (time.GetUtcNow().UtcTicks < until)
        {
            return true;
        }

        _until.TryRemove(new KeyValuePair<string, long>(key, until));
        return false;
    }
}
