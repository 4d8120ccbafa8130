using Rempart.Caching.Invalidation;

namespace Rempart.Caching.Storage;

/// <summary>
/// The index both tiers share: URL (primary key) → variants, a least-recently-used list and size
/// accounting, a tag index and a path index (<see cref="TargetIndex"/>) kept in step with every insert,
/// eviction and removal. Not thread-safe by itself; the owning store serialises access with one lock.
/// Methods return the entries they dropped so the owner can release their storage.
/// </summary>
internal sealed class VariantIndex(long maxBytes, int maxVariantsPerKey)
{
    private readonly Dictionary<string, List<CacheEntry>> _byKey = new(StringComparer.Ordinal);
    private readonly Dictionary<Guid, LinkedListNode<CacheEntry>> _nodes = [];
    private readonly LinkedList<CacheEntry> _lru = new(); // first = most recently used
    private readonly Dictionary<string, HashSet<Guid>> _byTag = new(StringComparer.Ordinal);
    private readonly TargetIndex _byTarget = new();

    public long Bytes { get; private set; }

    public int Count => _nodes.Count;

    public long MaxBytes { get; } = maxBytes;

    public IReadOnlyList<CacheEntry> Get(string primaryKey) =>
        _byKey.TryGetValue(primaryKey, out var list) ? list.ToArray() : [];

    public bool Contains(Guid id) => _nodes.ContainsKey(id);

    public void Touch(CacheEntry entry)
    {
        if (_nodes.TryGetValue(entry.Id, out var node) && node != _lru.First)
        {
            _lru.Remove(node);
            _lru.AddFirst(node);
        }
    }

    /// <summary>Adds <paramref name="entry"/>, replacing its variant; evicts by variant count and size.</summary>
    public List<CacheEntry> Put(CacheEntry entry)
    {
        var dropped = new List<CacheEntry>();
        if (!_byKey.TryGetValue(entry.Key.Primary, out var list))
        {
            list = [];
            _byKey[entry.Key.Primary] = list;
            _byTarget.Add(entry.Key.Primary);
        }
        for (var i = list.Count - 1; i >= 0; i--)
        {
            if (list[i].Id == entry.Id || list[i].IsSameVariant(entry))
            {
                dropped.Add(list[i]);
                Unlink(list[i]);
                list.RemoveAt(i);
            }
        }
        while (list.Count >= maxVariantsPerKey)
        {
            var oldest = list[0];
            foreach (var candidate in list)
            {
                if (candidate.ResponseTime < oldest.ResponseTime)
                {
                    oldest = candidate;
                }
            }
            dropped.Add(oldest);
            Unlink(oldest);
            list.Remove(oldest);
        }
        list.Add(entry);
        _nodes[entry.Id] = _lru.AddFirst(entry);
        Bytes += entry.Size;
        foreach (var tag in entry.SurrogateKeys)
        {
            if (!_byTag.TryGetValue(tag, out var ids))
            {
                ids = [];
                _byTag[tag] = ids;
            }
            ids.Add(entry.Id);
        }
        while (Bytes > MaxBytes && _lru.Last is { } last && last.Value != entry)
        {
            dropped.Add(last.Value);
            Remove(last.Value);
        }
        return dropped;
    }

    public bool Remove(CacheEntry entry)
    {
        if (!_nodes.ContainsKey(entry.Id))
        {
            return false;
        }
        Unlink(entry);
        if (_byKey.TryGetValue(entry.Key.Primary, out var list))
        {
            list.RemoveAll(e => e.Id == entry.Id);
            if (list.Count == 0)
            {
                _byKey.Remove(entry.Key.Primary);
                _byTarget.Remove(entry.Key.Primary);
            }
        }
        return true;
    }

    /// <summary>Removes the stored variant <paramref name="entry"/> would replace, if any.</summary>
    public List<CacheEntry> RemoveVariantOf(CacheEntry entry)
    {
        if (!_byKey.TryGetValue(entry.Key.Primary, out var list))
        {
            return [];
        }
        var matched = list.FindAll(e => e.IsSameVariant(entry));
        foreach (var e in matched)
        {
            Remove(e);
        }
        return matched;
    }

    public List<CacheEntry> RemoveKey(string primaryKey)
    {
        if (!_byKey.Remove(primaryKey, out var list))
        {
            return [];
        }
        _byTarget.Remove(primaryKey);
        foreach (var entry in list)
        {
            Unlink(entry);
        }
        return list;
    }

    /// <summary>
    /// Removes every entry whose request target lies in one of <paramref name="ranges"/> (and whose
    /// host is <paramref name="host"/> when given), through the path index: no scan of the tier.
    /// </summary>
    public List<CacheEntry> RemoveByTargets(IReadOnlyList<TargetRange> ranges, string? host)
    {
        if (host is null && _byTarget.CoversEverything(ranges))
        {
            return Clear(); // "/*" on every host: no per-entry tree work
        }
        var matched = new List<CacheEntry>();
        foreach (var range in ranges)
        {
            foreach (var primaryKey in _byTarget.Find(range))
            {
                if (!_byKey.TryGetValue(primaryKey, out var list))
                {
                    continue;
                }
                if (host is null || list.TrueForAll(e => string.Equals(e.Host, host, StringComparison.Ordinal)))
                {
                    matched.AddRange(RemoveKey(primaryKey)); // the whole URL: one dictionary and one tree removal
                    continue;
                }
                foreach (var entry in list.ToArray())
                {
                    if (string.Equals(entry.Host, host, StringComparison.Ordinal))
                    {
                        matched.Add(entry);
                        Remove(entry);
                    }
                }
            }
        }
        return matched;
    }

    public List<CacheEntry> RemoveWhere(Func<CacheEntry, bool> predicate)
    {
        var matched = new List<CacheEntry>();
        foreach (var entry in _lru)
        {
            if (predicate(entry))
            {
                matched.Add(entry);
            }
        }
        foreach (var entry in matched)
        {
            Remove(entry);
        }
        return matched;
    }

    /// <summary>Removes every entry carrying one of <paramref name="tags"/> (through the tag index, no scan).</summary>
    public List<CacheEntry> RemoveByTags(IEnumerable<string> tags)
    {
        var matched = new List<CacheEntry>();
        foreach (var tag in tags)
        {
            if (_byTag.TryGetValue(tag, out var ids))
            {
                foreach (var id in ids.ToArray())
                {
                    if (_nodes.TryGetValue(id, out var node))
                    {
                        matched.Add(node.Value);
                        Remove(node.Value);
                    }
                }
            }
        }
        return matched;
    }

    public List<CacheEntry> Clear()
    {
        var all = new List<CacheEntry>(_lru);
        _byKey.Clear();
        _nodes.Clear();
        _lru.Clear();
        _byTag.Clear();
        _byTarget.Clear();
        Bytes = 0;
        return all;
    }

    private void Unlink(CacheEntry entry)
    {
        if (_nodes.Remove(entry.Id, out var node))
        {
            _lru.Remove(node);
            Bytes -= entry.Size;
            foreach (var tag in entry.SurrogateKeys)
            {
                if (_byTag.TryGetValue(tag, out var ids) && ids.Remove(entry.Id) && ids.Count == 0)
                {
                    _byTag.Remove(tag);
                }
            }
        }
    }
}
