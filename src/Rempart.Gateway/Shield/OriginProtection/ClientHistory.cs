using System.Collections.Concurrent;
using System.Net;

namespace Rempart.Gateway.Shield.OriginProtection;

/// <summary>
/// Which clients have a good history: at least <see cref="GoodRequests"/> answered requests below
/// 400, the first of them at least <see cref="Established"/> ago. A flood that starts now cannot be "established" yet, which is what lets real
/// users keep their place when a queue forms. Bounded: past <see cref="Capacity"/> entries the
/// table is cleared of everyone not yet good, then of the half seen least recently. Recorded only on
/// routes that have a budget, so other traffic pays nothing.
/// </summary>
public sealed class ClientHistory(TimeProvider time, int capacity = 100_000)
{
    public const int GoodRequests = 5;
    public static readonly TimeSpan Established = TimeSpan.FromMinutes(1);

    private readonly ConcurrentDictionary<IPAddress, Entry> _entries = new();

    public int Capacity { get; } = capacity;

    public int Count => _entries.Count;

    public bool IsGood(IPAddress client) =>
        _entries.TryGetValue(client, out var e) && e.Good >= GoodRequests && time.GetUtcNow() - e.Since >= Established;

    /// <summary>Records one answered request; only answers below 400 count towards a good history.</summary>
    public void Record(IPAddress client, bool good)
    {
        if (_entries.Count >= Capacity && !_entries.ContainsKey(client))
        {
            Trim();
        }

        var now = time.GetUtcNow();
        _entries.AddOrUpdate(
            client,
            static (_, a) => new Entry(a.now, a.now, a.good ? 1 : 0),
            static (_, e, a) => e with { LastSeen = a.now, Good = a.good ? Math.Min(e.Good + 1, 1_000_000) : e.Good },
            (now, good));
    }

    private void Trim()
    {
        foreach (var (ip, e) in _entries)
        {
            if (e.Good < GoodRequests)
            {
                _entries.TryRemove(ip, out _);
            }
        }

        if (_entries.Count >= Capacity / 2)
        {
            var seen = _entries.Values.Select(e => e.LastSeen).Order().ToList();
            var cutoff = seen[seen.Count / 2];
            foreach (var (ip, e) in _entries)
            {
                if (e.LastSeen <= cutoff)
                {
                    _entries.TryRemove(ip, out _);
                }
            }
        }
    }

    private sealed record Entry(DateTimeOffset Since, DateTimeOffset LastSeen, int Good);
}
