using System.Runtime.CompilerServices;

namespace Rempart.SecLang.Engine;

/// <summary>Transformation results cached per transaction by (value instance, transformation-chain prefix).</summary>
/// <remarks>
/// The cache holds one entry per value and chain prefix: a 64 KiB JSON body under CRS fills ~20,000, and growing a
/// new dictionary to that size cost ~5.5 MB of resizes per request (measured, session 3). So caches are pooled: a
/// transaction rents one at its first transformation and hands it back, cleared with its capacity kept, at the end
/// of phase 5. A cache that grew beyond <see cref="PooledCacheLimit"/> entries is left to the GC (bounded memory).
/// </remarks>
public sealed partial class Transaction
{
    private const int PooledCacheLimit = 65_536;
    private static readonly System.Collections.Concurrent.ConcurrentBag<Dictionary<(string Value, int Prefix), string>> CachePool = [];
    private Dictionary<(string Value, int Prefix), string>? _transformCache;
    private int _allowThrough;

    private Dictionary<(string Value, int Prefix), string> TransformCache =>
        _transformCache ??= CachePool.TryTake(out var pooled) ? pooled : new(ValuePrefixComparer.Instance);

    /// <summary>Hands the transformation cache back to the pool (end of phase 5; the transaction transforms no more).</summary>
    private void ReleaseTransformCache()
    {
        if (_transformCache is { } cache && cache.Count <= PooledCacheLimit && CachePool.Count < 2 * Environment.ProcessorCount)
        {
            cache.Clear();
            CachePool.Add(cache);
        }

        _transformCache = null;
    }

    /// <summary>Applies <paramref name="link"/>'s transformations to <paramref name="value"/>, reusing any cached prefix.</summary>
    internal string Transform(Rule link, string value)
    {
        var transformations = link.Transformations;
        if (transformations.Count == 0)
        {
            return value;
        }

        var prefixes = link.TransformationPrefixIds;
        var cache = TransformCache;
        var start = 0;
        var current = value;
        for (var i = transformations.Count - 1; i >= 0; i--)
        {
            if (cache.TryGetValue((value, prefixes[i]), out var cached))
            {
                start = i + 1;
                current = cached;
                break;
            }
        }

        for (var i = start; i < transformations.Count; i++)
        {
            current = transformations[i].Transform(current);
            cache[(value, prefixes[i])] = current;
        }

        return current;
    }

    /// <summary>True when an earlier <c>allow</c> covers <paramref name="phase"/>.</summary>
    internal bool AllowedPhases(int phase) => phase < 5 && phase <= _allowThrough;

    internal void Allow(AllowScope scope, int phase)
    {
        _allowThrough = scope switch
        {
            AllowScope.All => 4,
            AllowScope.Request => Math.Max(_allowThrough, 2),
            _ => _allowThrough,
        };
        _ = phase;
    }

    private sealed class ValuePrefixComparer : IEqualityComparer<(string Value, int Prefix)>
    {
        public static readonly ValuePrefixComparer Instance = new();

        public bool Equals((string Value, int Prefix) x, (string Value, int Prefix) y) => ReferenceEquals(x.Value, y.Value) && x.Prefix == y.Prefix;

        public int GetHashCode((string Value, int Prefix) obj) => HashCode.Combine(RuntimeHelpers.GetHashCode(obj.Value), obj.Prefix);
    }
}
