using System.Collections.Frozen;

namespace Rempart.Detection.Html;

/// <summary>
/// Decodes HTML character references in attribute values the way browsers do before they use a
/// URL or a style: <c>&amp;#106;</c>, <c>&amp;#x6A</c> (the semicolon is optional, leading zeros
/// are allowed) and the named references that matter for obfuscation (<c>&amp;colon;</c>,
/// <c>&amp;Tab;</c>, <c>&amp;NewLine;</c>, <c>&amp;lpar;</c>, ...). A decoded value is never longer than
/// its source, so the caller can size the output buffer to the input.
/// </summary>
internal static class HtmlEntityDecoder
{
    // Only references that stand for ASCII punctuation, white space or letters used in schemes
    // and CSS: the rest of the HTML5 table cannot turn a harmless value into a dangerous one.
    private static readonly FrozenDictionary<string, char> s_named = new Dictionary<string, char>(StringComparer.Ordinal)
    {
        ["amp"] = '&', ["AMP"] = '&', ["lt"] = '<', ["LT"] = '<', ["gt"] = '>', ["GT"] = '>',
        ["quot"] = '"', ["QUOT"] = '"', ["apos"] = '\'', ["nbsp"] = '\u00a0',
        ["colon"] = ':', ["Tab"] = '\t', ["NewLine"] = '\n', ["lpar"] = '(', ["rpar"] = ')',
        ["lsqb"] = '[', ["lbrack"] = '[', ["rsqb"] = ']', ["rbrack"] = ']', ["lcub"] = '{', ["lbrace"] = '{',
        ["rcub"] = '}', ["rbrace"] = '}', ["sol"] = '/', ["bsol"] = '\\', ["semi"] = ';', ["comma"] = ',',
        ["period"] = '.', ["excl"] = '!', ["num"] = '#', ["dollar"] = '$', ["percnt"] = '%', ["plus"] = '+',
        ["equals"] = '=', ["quest"] = '?', ["commat"] = '@', ["Hat"] = '^', ["lowbar"] = '_', ["grave"] = '`',
        ["verbar"] = '|', ["vert"] = '|', ["ast"] = '*', ["midast"] = '*', ["hyphen"] = '-', ["dash"] = '-',
    }.ToFrozenDictionary(StringComparer.Ordinal);

    private static readonly FrozenDictionary<string, char>.AlternateLookup<ReadOnlySpan<char>> s_namedLookup =
        s_named.GetAlternateLookup<ReadOnlySpan<char>>();

    private const int MaxNameLength = 8;

    /// <summary>
    /// Decodes <paramref name="source"/> into <paramref name="destination"/> (at least as long as the
    /// source) and returns the decoded length.
    /// </summary>
    public static int Decode(ReadOnlySpan<char> source, Span<char> destination)
    {
        var written = 0;
        var i = 0;
        while (i < source.Length)
        {
            var c = source[i];
            if (c == '&' && TryDecodeReference(source[(i + 1)..], out var decoded, out var consumed))
            {
                destination[written++] = decoded;
                i += 1 + consumed;
                continue;
            }

            destination[written++] = c;
            i++;
        }

        return written;
    }

    /// <summary>Reads one reference after its '&amp;'; <paramref name="consumed"/> counts what follows the '&amp;'.</summary>
    private static bool TryDecodeReference(ReadOnlySpan<char> text, out char decoded, out int consumed)
    {
        decoded = '\0';
        consumed = 0;
        if (text.IsEmpty)
        {
            return false;
        }

        if (text[0] == '#')
        {
            return TryDecodeNumeric(text, out decoded, out consumed);
        }

        var length = 0;
        while (length < text.Length && length <= MaxNameLength && char.IsAsciiLetter(text[length]))
        {
            length++;
        }

        if (length == 0 || length > MaxNameLength || !s_namedLookup.TryGetValue(text[..length], out decoded))
        {
            return false;
        }

        consumed = length < text.Length && text[length] == ';' ? length + 1 : length;
        return true;
    }

    private static bool TryDecodeNumeric(ReadOnlySpan<char> text, out char decoded, out int consumed)
    {
        decoded = '\0';
        consumed = 0;
        var hex = text.Length > 1 && (text[1] | 0x20) == 'x';
        var start = hex ? 2 : 1;
        var i = start;
        var value = 0L;
        while (i < text.Length && (hex ? char.IsAsciiHexDigit(text[i]) : char.IsAsciiDigit(text[i])))
        {
            // Leading zeros are allowed without limit (&#0000106;); stop growing past the Unicode range.
            var digit = char.IsAsciiDigit(text[i]) ? text[i] - '0' : (text[i] | 0x20) - 'a' + 10;
            value = Math.Min((value * (hex ? 16 : 10)) + digit, 0x110000);
            i++;
        }

        if (i == start)
        {
            return false;
        }

        // Characters outside the Basic Multilingual Plane cannot form ASCII syntax: one replacement char is enough.
        decoded = value < 0x10000 ? (char)value : '\ufffd';
        consumed = i < text.Length && text[i] == ';' ? i + 1 : i;
        return true;
    }
}
