using System.Text;
using Rempart.Caching.Http;

namespace Rempart.Caching.Semantics;

/// <summary>
/// Normalises request field values before they are compared for <c>Vary</c> and key matching
/// (RFC 9111 §4.1): lines are combined, whitespace around list separators removed, and for the
/// content-negotiation fields (whose members are case-insensitive and whose order carries no
/// meaning next to their q-values) members are lower-cased and sorted. Absent stays distinct from
/// empty.
/// </summary>
public static class FieldNormalizer
{
    /// <summary>Longest normalised value kept; longer values are replaced by a digest so keys stay small.</summary>
    public const int MaxValueLength = 1024;

    private static readonly HashSet<string> NegotiationFields = new(StringComparer.OrdinalIgnoreCase)
    {
        "Accept", "Accept-Language", "Accept-Charset",
    };

    /// <summary>Content codings an origin or the edge may apply; other tokens do not change what is acceptable here.</summary>
    private static readonly string[] KnownCodings = ["br", "deflate", "gzip", "zstd"];

    public static string? Normalize(string name, IReadOnlyList<string> lines)
    {
        if (lines.Count == 0)
        {
            return null;
        }
        if (lines.Count == 1 && lines[0] is "br" or "gzip" && string.Equals(name, "Accept-Encoding", StringComparison.OrdinalIgnoreCase))
        {
            // What the edge reduces Accept-Encoding to before every lookup: already normal, and on the hit path.
            return lines[0];
        }
        var members = new List<string>();
        foreach (var line in lines)
        {
            members.AddRange(EntityTags.SplitList(line));
        }
        if (string.Equals(name, "Accept-Encoding", StringComparison.OrdinalIgnoreCase))
        {
            return AcceptableCodings(members);
        }
        string value;
        if (NegotiationFields.Contains(name))
        {
            for (var i = 0; i < members.Count; i++)
            {
                members[i] = RemoveSpaces(members[i]).ToLowerInvariant();
            }
            members.Sort(StringComparer.Ordinal);
            value = string.Join(",", members);
        }
        else
        {
            value = string.Join(",", members);
        }
        return value.Length <= MaxValueLength ? value : Digest(value);
    }

    /// <summary>
    /// <c>Accept-Encoding</c> reduced to the known codings the client accepts (q &gt; 0), sorted:
    /// "gzip, deflate, br, zstd" and "br;q=1, gzip, deflate, zstd, x-custom" are one variant. A
    /// response stored for a set is acceptable to every client with the same set, so this is safe,
    /// and it keeps browsers' many spellings from multiplying variants.
    /// </summary>
    private static string AcceptableCodings(List<string> members)
    {
        var accepted = new SortedSet<string>(StringComparer.Ordinal);
        var wildcard = false;
        foreach (var member in members)
        {
            var semicolon = member.IndexOf(';');
            var coding = (semicolon < 0 ? member : member[..semicolon]).Trim().ToLowerInvariant();
            if (semicolon >= 0 && IsZeroQuality(member[(semicolon + 1)..]))
            {
                continue;
            }
            if (coding == "*")
            {
                wildcard = true;
            }
            else if (coding == "x-gzip")
            {
                accepted.Add("gzip");
            }
            else if (Array.IndexOf(KnownCodings, coding) >= 0)
            {
                accepted.Add(coding);
            }
        }
        if (wildcard)
        {
            foreach (var coding in KnownCodings)
            {
                accepted.Add(coding);
            }
        }
        return accepted.Count == 0 ? "identity" : string.Join(",", accepted);
    }

    private static bool IsZeroQuality(string parameters)
    {
        foreach (var parameter in parameters.Split(';', StringSplitOptions.TrimEntries))
        {
            if (parameter.StartsWith("q=", StringComparison.OrdinalIgnoreCase)
                && double.TryParse(parameter.AsSpan(2), System.Globalization.NumberStyles.AllowDecimalPoint, System.Globalization.CultureInfo.InvariantCulture, out var q))
            {
                return q <= 0;
            }
        }
        return false;
    }

    private static string RemoveSpaces(string member)
    {
        if (!member.Contains(' ') && !member.Contains('\t'))
        {
            return member;
        }
        var sb = new StringBuilder(member.Length);
        foreach (var c in member)
        {
            if (c != ' ' && c != '\t')
            {
                sb.Append(c);
            }
        }
        return sb.ToString();
    }

    private static string Digest(string value) =>
        "#" + Convert.ToHexString(System.Security.Cryptography.SHA256.HashData(Encoding.UTF8.GetBytes(value)));
}
