using Rempart.Caching.Invalidation;
using Rempart.Caching.Semantics;

namespace Rempart.Caching.Storage;

/// <summary>
/// The stored URLs (primary keys) ordered by request target — path and kept query, host last — so
/// that a wildcard invalidation (<c>/img/*</c>) visits only the URLs under its prefix: O(log n + k)
/// instead of a scan of the tier. Holds the primary key strings themselves (no copy of the target);
/// the order compares the target part of each key. Not thread-safe: the owning index's lock covers it.
/// </summary>
internal sealed class TargetIndex
{
    // Range bounds are written as "\0" + target: they sort before every real key with that target
    // (a real key starts with its scheme), so a view between two bounds is exactly a target range.
    private const char BoundMark = '\0';

    private readonly SortedSet<string> _keys = new(TargetOrder.Instance);

    // Keys whose target does not start with '/' (none in practice): while there are none, "/*" names everything.
    private int _outsideRoot;

    public int Count => _keys.Count;

    public void Add(string primaryKey)
    {
        if (_keys.Add(primaryKey) && !CacheKeyBuilder.TargetOf(primaryKey).StartsWith('/'))
        {
            _outsideRoot++;
        }
    }

    public void Remove(string primaryKey)
    {
        if (_keys.Remove(primaryKey) && !CacheKeyBuilder.TargetOf(primaryKey).StartsWith('/'))
        {
            _outsideRoot--;
        }
    }

    public void Clear()
    {
        _keys.Clear();
        _outsideRoot = 0;
    }

    /// <summary>True when <paramref name="ranges"/> include <c>/*</c> and every stored target is under <c>/</c>.</summary>
    public bool CoversEverything(IReadOnlyList<TargetRange> ranges)
    {
        if (_outsideRoot != 0)
        {
            return false;
        }
        foreach (var range in ranges)
        {
            if (!range.Exact && range.Prefix == "/")
            {
                return true;
            }
        }
        return false;
    }

    /// <summary>The primary keys whose target lies in <paramref name="range"/> (a snapshot: callers remove while reading it).</summary>
    public List<string> Find(TargetRange range)
    {
        var lower = BoundMark + range.Prefix;
        var upper = range.Exact ? lower + '\0' : Successor(range.Prefix);
        var found = new List<string>();
        if (upper is null)
        {
            // The prefix is all U+FFFF, so nothing sorts after its range: the range is the tail.
            if (_keys.Max is not { } max || _keys.Comparer.Compare(lower, max) > 0)
            {
                return found;
            }
            upper = max;
        }
        foreach (var key in _keys.GetViewBetween(lower, upper))
        {
            Collect(key, range, found);
        }
        return found;
    }

    private static void Collect(string key, TargetRange range, List<string> found)
    {
        if (key.Length > 0 && key[0] != BoundMark && range.Contains(CacheKeyBuilder.TargetOf(key)))
        {
            found.Add(key);
        }
    }

    /// <summary>The bound just after every target starting with <paramref name="prefix"/>; null when none exists.</summary>
    private static string? Successor(string prefix)
    {
        for (var i = prefix.Length - 1; i >= 0; i--)
        {
            if (prefix[i] != char.MaxValue)
            {
                return BoundMark + prefix[..i] + (char)(prefix[i] + 1);
            }
        }
        return null;
    }

    /// <summary>Orders keys by target (ordinal), then by the whole key; a bound sorts first among equal targets.</summary>
    private sealed class TargetOrder : IComparer<string>
    {
        public static TargetOrder Instance { get; } = new();

        public int Compare(string? x, string? y)
        {
            if (ReferenceEquals(x, y))
            {
                return 0;
            }
            if (x is null || y is null)
            {
                return x is null ? -1 : 1;
            }
            var byTarget = TargetPart(x).SequenceCompareTo(TargetPart(y));
            return byTarget != 0 ? byTarget : string.CompareOrdinal(x, y);
        }

        private static ReadOnlySpan<char> TargetPart(string key) =>
            key.Length > 0 && key[0] == BoundMark ? key.AsSpan(1) : CacheKeyBuilder.TargetOf(key);
    }
}
