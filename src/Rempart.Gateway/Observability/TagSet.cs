namespace Rempart.Gateway.Observability;

/// <summary>
/// Up to four tag name/value pairs as a dictionary key, built without allocating from the span a
/// measurement arrives with. More tags than four are not used by Rempart's instruments.
/// </summary>
internal readonly struct TagSet : IEquatable<TagSet>
{
    private readonly KeyValuePair<string, object?> _t0, _t1, _t2, _t3;

    public TagSet(ReadOnlySpan<KeyValuePair<string, object?>> tags)
    {
        Count = Math.Min(tags.Length, 4);
        if (Count > 0) _t0 = tags[0];
        if (Count > 1) _t1 = tags[1];
        if (Count > 2) _t2 = tags[2];
        if (Count > 3) _t3 = tags[3];
    }

    public int Count { get; }

    public KeyValuePair<string, object?> this[int i] => i switch { 0 => _t0, 1 => _t1, 2 => _t2, _ => _t3 };

    public bool Equals(TagSet other)
    {
        if (Count != other.Count)
        {
            return false;
        }

        for (var i = 0; i < Count; i++)
        {
            if (this[i].Key != other[i].Key || !Equals(this[i].Value, other[i].Value))
            {
                return false;
            }
        }

        return true;
    }

    public override bool Equals(object? obj) => obj is TagSet other && Equals(other);

    public override int GetHashCode()
    {
        var h = new HashCode();
        for (var i = 0; i < Count; i++)
        {
            h.Add(this[i].Key);
            h.Add(this[i].Value);
        }

        return h.ToHashCode();
    }
}
