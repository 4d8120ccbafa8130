namespace Rempart.Caching.Http;

/// <summary>
/// Entity-tag comparison (RFC 9110 §8.8.3). Read leniently: an unquoted tag or a lowercase
/// <c>w/</c> prefix compares by its opaque part, as origins and clients in the wild send both.
/// </summary>
public static class EntityTags
{
    /// <summary>The opaque part of <paramref name="tag"/> (quotes and weakness prefix removed).</summary>
    public static string Opaque(string tag, out bool weak)
    {
        var t = tag.AsSpan().Trim();
        weak = t.Length >= 2 && (t[0] == 'W' || t[0] == 'w') && t[1] == '/';
        if (weak)
        {
            t = t[2..];
        }
        if (t.Length >= 2 && t[0] == '"' && t[^1] == '"')
        {
            t = t[1..^1];
        }
        return t.ToString();
    }

    /// <summary>Weak comparison: opaque parts equal, weakness ignored.</summary>
    public static bool WeakEquals(string a, string b) => string.Equals(Opaque(a, out _), Opaque(b, out _), StringComparison.Ordinal);

    /// <summary>Strong comparison: both strong and opaque parts equal.</summary>
    public static bool StrongEquals(string a, string b) =>
        string.Equals(Opaque(a, out var weakA), Opaque(b, out var weakB), StringComparison.Ordinal) && !weakA && !weakB;

    /// <summary>True when <c>If-None-Match</c> (all lines combined) matches <paramref name="etag"/> by weak comparison.</summary>
    public static bool IfNoneMatchMatches(string ifNoneMatch, string? etag)
    {
        if (ifNoneMatch.Trim() == "*")
        {
            return true;
        }
        if (etag is null)
        {
            return false;
        }
        var stored = Opaque(etag, out _);
        foreach (var member in SplitList(ifNoneMatch))
        {
            if (string.Equals(Opaque(member, out _), stored, StringComparison.Ordinal))
            {
                return true;
            }
        }
        return false;
    }

    /// <summary>Splits a comma-separated list, keeping commas inside quoted strings.</summary>
    public static List<string> SplitList(string value)
    {
        var result = new List<string>();
        var quoted = false;
        var start = 0;
        for (var i = 0; i < value.Length; i++)
        {
            var c = value[i];
            if (c == '"')
            {
                quoted = !quoted;
            }
            else if (c == ',' && !quoted)
            {
                AddTrimmed(result, value, start, i);
                start = i + 1;
            }
        }
        AddTrimmed(result, value, start, value.Length);
        return result;
    }

    private static void AddTrimmed(List<string> result, string value, int start, int end)
    {
        var member = value.AsSpan(start, end - start).Trim(" \t");
        if (!member.IsEmpty)
        {
            result.Add(member.ToString());
        }
    }
}
