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
        "Accept", "Accept-Encoding", "Accept-Language", "Accept-Charset",
    };

    public static string? Normalize(string name, IReadOnlyList<string> lines)
    {
        if (lines.Count == 0)
        {
            return null;
        }
        var members = new List<string>();
        foreach (var line in lines)
        {
            members.AddRange(EntityTags.SplitList(line));
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
