using System.Collections.Concurrent;

namespace Rempart.SecLang.Engine;

/// <summary>Persistent collections kept in process memory, with expiry. Thread-safe; last writer wins per record.</summary>
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
    public void Store(string collection, string key, IReadOnlyDictionary<string, string> values, DateTimeOffset now, TimeSpan timeout) =>
        _records[(collection.ToUpperInvariant(), key)] = (new Dictionary<string, string>(values, StringComparer.OrdinalIgnoreCase), now + timeout);
}
