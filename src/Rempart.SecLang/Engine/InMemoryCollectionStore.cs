using System.Collections.Concurrent;

namespace Rempart.SecLang.Engine;

/// <summary>Persistent collections kept in process memory, with expiry. Thread-safe; concurrent writers are merged (<see cref="CollectionUpdate"/>).</summary>
public sealed class InMemoryCollectionStore : IPersistentCollectionStore
{
    private readonly ConcurrentDictionary<(string, string), (Dictionary<string, string> Values, DateTimeOffset Expires)> _records = new();

    /// <inheritdoc/>
    public Dictionary<string, string> Load(string collection, string key, DateTimeOffset now)
    {
        if (_records.TryGetValue((collection.ToUpperInvariant(), key), out var record) && record.Expires > now)
        {
            lock (record.Values)
            {
                return new Dictionary<string, string>(record.Values, StringComparer.OrdinalIgnoreCase);
            }
        }

        return new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
    }

    /// <inheritdoc/>
    public void Store(string collection, string key, CollectionUpdate update, DateTimeOffset now, TimeSpan timeout)
    {
        lock (_writeGate)
        {
            var id = (collection.ToUpperInvariant(), key);
            var current = _records.TryGetValue(id, out var record) && record.Expires > now ? record.Values : null;
            _records[id] = (update.ApplyTo(current), now + timeout);
        }
    }

    private readonly Lock _writeGate = new();
}
