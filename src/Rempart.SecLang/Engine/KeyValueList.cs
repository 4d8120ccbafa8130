namespace Rempart.SecLang.Engine;

/// <summary>
/// An ordered multi-map with case-insensitive keys: arguments, headers, cookies, files.
/// Keys and values hold one byte per char.
/// </summary>
public sealed class KeyValueList
{
    private readonly List<KeyValuePair<string, string>> _items = [];

    /// <summary>How many pairs.</summary>
    public int Count => _items.Count;

    /// <summary>The pairs in insertion order.</summary>
    public IReadOnlyList<KeyValuePair<string, string>> Items => _items;

    /// <summary>Appends a pair.</summary>
    public void Add(string key, string value) => _items.Add(new(key, value));

    /// <summary>Replaces every value of <paramref name="key"/> by one.</summary>
    public void Set(string key, string value)
    {
        Remove(key);
        Add(key, value);
    }

    /// <summary>Removes every pair with <paramref name="key"/>.</summary>
    public void Remove(string key) => _items.RemoveAll(p => string.Equals(p.Key, key, StringComparison.OrdinalIgnoreCase));

    /// <summary>Removes everything.</summary>
    public void Clear() => _items.Clear();

    /// <summary>The first value of <paramref name="key"/>, or null.</summary>
    public string? Get(string key)
    {
        foreach (var pair in _items)
        {
            if (string.Equals(pair.Key, key, StringComparison.OrdinalIgnoreCase))
            {
                return pair.Value;
            }
        }

        return null;
    }
}
