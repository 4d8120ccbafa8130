namespace Rempart.Caching.Http;

/// <summary>
/// An ordered list of header field lines with case-insensitive lookup. Used for stored responses
/// (where it is never mutated after the entry is built), for the headers the engine hands back to
/// the host (conditional headers, served responses) and in tests.
/// </summary>
public sealed class HeaderList : IHeaderView
{
    private readonly List<KeyValuePair<string, string>> _lines;

    public HeaderList() => _lines = [];

    public HeaderList(IEnumerable<KeyValuePair<string, string>> lines) => _lines = [.. lines];

    /// <summary>A copy of <paramref name="source"/> with room for <paramref name="spare"/> more lines (no enumerator: the hit path).</summary>
    public HeaderList(HeaderList source, int spare)
    {
        _lines = new List<KeyValuePair<string, string>>(source._lines.Count + spare);
        _lines.AddRange(source._lines);
    }

    /// <summary>Copies every line of <paramref name="source"/>.</summary>
    public static HeaderList From(IHeaderView source) => new(source.Lines);

    /// <summary>Builds a list from (name, value) pairs; handy in tests.</summary>
    public static HeaderList Of(params (string Name, string Value)[] lines)
    {
        var list = new HeaderList();
        foreach (var (name, value) in lines)
        {
            list.Add(name, value);
        }
        return list;
    }

    public int Count => _lines.Count;

    public IEnumerable<KeyValuePair<string, string>> Lines => _lines;

    /// <summary>The line at <paramref name="index"/>: lets a writer walk the lines without an enumerator.</summary>
    public KeyValuePair<string, string> this[int index] => _lines[index];

    public IReadOnlyList<string> GetValues(string name)
    {
        List<string>? found = null;
        string? single = null;
        foreach (var line in _lines)
        {
            if (!string.Equals(line.Key, name, StringComparison.OrdinalIgnoreCase))
            {
                continue;
            }
            if (single is null && found is null)
            {
                single = line.Value;
            }
            else
            {
                found ??= [single!];
                found.Add(line.Value);
            }
        }
        if (found is not null)
        {
            return found;
        }
        return single is null ? [] : [single];
    }

    public void Add(string name, string value) => _lines.Add(new(name, value));

    /// <summary>Replaces every line of <paramref name="name"/> by one line (appended when absent).</summary>
    public void Set(string name, string value)
    {
        var index = IndexOf(name);
        if (index < 0)
        {
            _lines.Add(new(name, value));
            return;
        }
        _lines[index] = new(_lines[index].Key, value);
        RemoveAfter(name, index);
    }

    /// <summary>Removes every line of <paramref name="name"/>; returns how many were removed.</summary>
    public int Remove(string name) => _lines.RemoveAll(l => string.Equals(l.Key, name, StringComparison.OrdinalIgnoreCase));

    /// <summary>Approximate bytes the lines take, for size accounting.</summary>
    public long ApproximateSize()
    {
        long size = 0;
        foreach (var line in _lines)
        {
            size += (line.Key.Length + line.Value.Length) * sizeof(char) + 32;
        }
        return size;
    }

    private int IndexOf(string name)
    {
        for (var i = 0; i < _lines.Count; i++)
        {
            if (string.Equals(_lines[i].Key, name, StringComparison.OrdinalIgnoreCase))
            {
                return i;
            }
        }
        return -1;
    }

    private void RemoveAfter(string name, int index)
    {
        for (var i = _lines.Count - 1; i > index; i--)
        {
            if (string.Equals(_lines[i].Key, name, StringComparison.OrdinalIgnoreCase))
            {
                _lines.RemoveAt(i);
            }
        }
    }
}
