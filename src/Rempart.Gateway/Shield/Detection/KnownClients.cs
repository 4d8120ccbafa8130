namespace Rempart.Gateway.Shield.Detection;

/// <summary>
/// The baseline's clients: sources seen in seconds that were not part of an attack, with their
/// profile. Bounded: when full, the half not seen for longest is evicted. A signature is tested
/// against this table before it is applied. Not thread-safe: the owner holds a lock.
/// </summary>
public sealed class KnownClients(int capacity)
{
    private readonly Dictionary<UInt128, ClientProfile> _clients = new(Math.Min(capacity, 4096));

    public int Capacity { get; } = Math.Max(capacity, 2);

    public int Count => _clients.Count;

    public IEnumerable<KeyValuePair<UInt128, ClientProfile>> All => _clients;

    public ClientProfile? Get(UInt128 source) => _clients.GetValueOrDefault(source);

    public bool Contains(UInt128 source) => _clients.ContainsKey(source);

    /// <summary>Records a client's normal second; returns the profile and whether it is new (so the caller can fill geo fields once).</summary>
    public ClientProfile Touch(UInt128 source, long second, int requests, out bool added)
    {
        added = false;
        if (!_clients.TryGetValue(source, out var profile))
        {
            if (_clients.Count >= Capacity)
            {
                EvictOldest();
            }

            profile = new ClientProfile();
            _clients[source] = profile;
            added = true;
        }

        profile.LastSeenSecond = second;
        profile.PeakPerSecond = Math.Max(profile.PeakPerSecond, requests);
        return profile;
    }

    private void EvictOldest()
    {
        var seen = _clients.Values.Select(c => c.LastSeenSecond).ToArray();
        Array.Sort(seen);
        var cutoff = seen[seen.Length / 2];
        foreach (var (key, profile) in _clients)
        {
            if (profile.LastSeenSecond <= cutoff)
            {
                _clients.Remove(key);
            }
        }
    }
}
