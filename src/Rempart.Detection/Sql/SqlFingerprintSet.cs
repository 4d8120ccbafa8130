using System.Collections.Frozen;

namespace Rempart.Detection.Sql;

/// <summary>
/// The set of injection fingerprints, generated once from <see cref="SqlShapeGrammar"/> and looked up
/// without allocating. A key is a context letter (<c>q</c>, <c>c</c> or <c>n</c>, see
/// <see cref="SqlShape.Contexts"/>), the fingerprint, and an end
/// marker: <c>*</c> for "starts with", <c>+</c> for "starts with, and goes on past the fingerprint",
/// <c>$</c> for "is exactly, and the input ends there",
/// <c>~</c> for "is exactly, and ends inside a string the attacker opened".
/// </summary>
internal sealed class SqlFingerprintSet
{
    /// <summary>Fingerprint letter used in keys for a MySQL hash comment, which is a weaker signal than -- or /*.</summary>
    public const char HashCommentLetter = 'h';

    /// <summary>Fingerprint letter used in keys for a "--" comment glued to text ("--x"), which only ANSI engines read as a comment.</summary>
    public const char GluedCommentLetter = 'g';

    /// <summary>Fingerprint letter used in keys for an operator spelled as a word (IN, IS, LIKE, DIV, NOT).</summary>
    public const char WordOperatorLetter = 'w';

    private const int MaxKeyLength = SqlFolder.FingerprintLength + 2;

    private readonly FrozenSet<string> _keys;
    private readonly FrozenSet<string>.AlternateLookup<ReadOnlySpan<char>> _lookup;

    public SqlFingerprintSet(IEnumerable<string> keys)
    {
        _keys = keys.ToFrozenSet(StringComparer.Ordinal);
        _lookup = _keys.GetAlternateLookup<ReadOnlySpan<char>>();
    }

    public int Count => _keys.Count;

    public IEnumerable<string> Keys => _keys;

    /// <summary>
    /// True when <paramref name="fingerprint"/> (key letters, at most the fingerprint width) matches a rule.
    /// </summary>
    /// <param name="context">'q', 'c' or 'n'.</param>
    /// <param name="fingerprint">The folded token letters.</param>
    /// <param name="complete">True when the folded input ends with the last letter.</param>
    /// <param name="endsInOpenString">True when it ends inside a string the attacker opened.</param>
    public bool Matches(char context, ReadOnlySpan<char> fingerprint, bool complete, bool endsInOpenString)
    {
        if (fingerprint.IsEmpty || fingerprint.Length > SqlFolder.FingerprintLength)
        {
            return false;
        }

        Span<char> key = stackalloc char[MaxKeyLength];
        key[0] = context;
        fingerprint.CopyTo(key[1..]);
        var length = fingerprint.Length + 2;

        if (complete)
        {
            key[length - 1] = '$';
            if (_lookup.Contains(key[..length]))
            {
                return true;
            }

            key[length - 1] = '~';
            if (endsInOpenString && _lookup.Contains(key[..length]))
            {
                return true;
            }
        }

        for (var prefix = 1; prefix <= fingerprint.Length; prefix++)
        {
            key[prefix + 1] = '*';
            if (_lookup.Contains(key[..(prefix + 2)]))
            {
                return true;
            }

            key[prefix + 1] = '+';
            if (!complete && _lookup.Contains(key[..(prefix + 2)]))
            {
                return true;
            }

            if (prefix < fingerprint.Length)
            {
                key[prefix + 1] = fingerprint[prefix];
            }
        }

        return false;
    }
}
