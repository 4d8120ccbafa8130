using System.Runtime.InteropServices;

namespace Rempart.Gateway.Shield.Detection;

/// <summary>
/// Approximate counts of the most frequent keys in bounded memory. When the table reaches its
/// capacity, the lighter half of the keys is evicted at once (a Misra–Gries style prune, so the
/// cost is amortised to O(1) per add) and their weight goes to <see cref="Evicted"/>: a key
/// that sends a large share of the traffic always survives, and millions of distinct keys never
/// grow the table past its capacity. Not thread-safe: the owner holds a lock.
/// </summary>
public sealed class HeavyHitters<TKey>(int capacity) where TKey : notnull
{
    private readonly Dictionary<TKey, double> _counts = new(Math.Min(capacity, 1024));

    public int Capacity { get; } = Math.Max(capacity, 2);

    public int Count => _counts.Count;

    /// <summary>Weight of keys dropped by pruning (and by decay): the "everyone else" bucket.</summary>
    public double Evicted { get; private set; }

    public double Total { get; private set; }

    public void Add(TKey key, double weight = 1)
    {
        ref var count = ref CollectionsMarshal.GetValueRefOrAddDefault(_counts, key, out _);
        count += weight;
        Total += weight;
        if (_counts.Count > Capacity)
        {
            Prune();
        }
    }

    public double Get(TKey key) => _counts.GetValueOrDefault(key);

    /// <summary>Multiplies every count by <paramref name="factor"/> (a moving window); keys that fade out are dropped.</summary>
    public void Decay(double factor)
    {
        Total *= factor;
        Evicted *= factor;
        List<TKey>? faded = null;
        foreach (var key in _counts.Keys)
        {
            ref var count = ref CollectionsMarshal.GetValueRefOrNullRef(_counts, key);
            count *= factor;
            if (count < 0.05)
            {
                (faded ??= []).Add(key);
            }
        }

        if (faded is not null)
        {
            foreach (var key in faded)
            {
                _counts.Remove(key);
            }
        }
    }

    public void Clear()
    {
        _counts.Clear();
        Evicted = 0;
        Total = 0;
    }

    /// <summary>The <paramref name="n"/> heaviest keys, heaviest first.</summary>
    public List<KeyValuePair<TKey, double>> Top(int n)
    {
        var list = _counts.ToList();
        list.Sort((a, b) => b.Value.CompareTo(a.Value));
        if (list.Count > n)
        {
            list.RemoveRange(n, list.Count - n);
        }

        return list;
    }

    /// <summary>Every key whose count reaches <paramref name="threshold"/>.</summary>
    public List<KeyValuePair<TKey, double>> AtLeast(double threshold) => _counts.Where(kv => kv.Value >= threshold).ToList();

    private void Prune()
    {
        var values = new double[_counts.Count];
        _counts.Values.CopyTo(values, 0);
        Array.Sort(values);
        var median = values[values.Length / 2];
        foreach (var key in _counts.Keys)
        {
            var count = _counts[key];
            if (count <= median)
            {
                Evicted += count;
                _counts.Remove(key);
            }
        }
    }
}
