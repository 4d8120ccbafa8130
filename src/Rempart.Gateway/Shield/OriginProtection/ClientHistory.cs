using System.Collections.Concurrent;
using System.Net;

namespace Rempart.Gateway.Shield.OriginProtection;

/// <summary>
/// Which clients have a good history: at least <see cref="GoodRequests"/> answered requests below
/// 400, the first of them at least <see cref="Established"/> ago. A flood that starts now cannot be
/// "established" yet, which is what lets real users keep their place when a queue forms. Bounded:
/// past <see cref="Capacity"/> entries the table is cleared of everyone not yet good, then of the
/// half seen least recently. Recorded only on routes that have a budget, so other traffic pays nothing.
/// The request path's part (<see cref="Record"/>) is one lock-free lookup and two interlocked
/// writes on a known client: the size is kept in a counter of its own (the dictionary's Count takes
/// every bucket lock) and an entry is updated in place, never replaced.
/// </summary>
public sealed class ClientHistory(TimeProvider time, int capacity = 100_000)
{
    public const int GoodRequests = 5;
    public static readonly TimeSpan Established = TimeSpan.FromMinutes(1);

    private readonly ConcurrentDictionary<IPAddress, Entry> _entries = new();
    private readonly Lock _trimming = new();
    private int _count;

    public int Capacity { get; } = capacity;

    public int Count => Volatile.Read(ref _count);

    public bool IsGood(IPAddress client) =>
        _entries.TryGetValue(client, out var e) && e.Good >= GoodRequests && time.GetUtcNow().UtcTicks - e.Since >= Established.Ticks;

    /// <summary>Records one answered request; only answers below 400 count towards a good history.</summary>
    public void Record(IPAddress client, bool good)
    {
        var now = time.GetUtcNow().UtcTicks;
        if (!_entries.TryGetValue(client, out var entry))
        {
            if (Count >= Capacity)
            {
                Trim();
            }

            entry = new Entry(now);
            if (_entries.TryAdd(client, entry))
            {
                Interlocked.Increment(ref _count);
            }
            else if (!_entries.TryGetValue(client, out entry))
            {
                return; // added and trimmed away by others meanwhile: this answer is forgotten with it
            }
        }

        entry.Seen(now, good);
    }

    private void Trim()
    {
        if (!_trimming.TryEnter())
        {
            return; // another request is trimming; the table overshoots by at most the concurrent adds
        }

        try
        {
            foreach (var (ip, e) in _entries)
            {
                if (e.Good < GoodRequests)
                {
                    Remove(ip);
                }
            }

            if (Count >= Capacity / 2)
            {
                var seen = _entries.Values.Select(e => e.LastSeen).Order().ToList();
                var cutoff = seen[seen.Count / 2];
                foreach (var (ip, e) in _entries)
                {
                    if (e.LastSeen <= cutoff)
                    {
                        Remove(ip);
                    }
                }
            }
        }
        finally
        {
            _trimming.Exit();
        }
    }

    private void Remove(IPAddress ip)
    {
        if (_entries.TryRemove(ip, out _))
        {
            Interlocked.Decrement(ref _count);
        }
    }

    /// <summary>One client's history, in UTC ticks; updated in place by concurrent requests.</summary>
    private sealed class Entry(long since)
    {
        private long _lastSeen = since;
        private int _good;

        public long Since { get; } = since;

        public long LastSeen => Volatile.Read(ref _lastSeen);

        public int Good => Volatile.Read(ref _good);

        public void Seen(long now, bool good)
        {
            Volatile.Write(ref _lastSeen, now);
            if (good && Good < 1_000_000)
            {
                Interlocked.Increment(ref _good);
            }
        }
    }
}
