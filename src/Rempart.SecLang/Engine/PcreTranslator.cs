using System.Globalization;
using System.Text;

namespace Rempart.SecLang.Engine;

/// <summary>
/// Rewrites a PCRE pattern into .NET syntax with the same meaning on byte strings (one byte per char):
/// <c>\x{HH}</c> → <c>\xHH</c>; <c>\s \w \W \S \h \v</c> get their ASCII-only PCRE meaning; <c>\Q…\E</c> is
/// escaped; <c>\-</c> in a class becomes <c>\x2d</c> so it can start a range as in PCRE; POSIX classes (<c>[:alpha:]</c>) are expanded. Constructs .NET lacks (branch reset <c>(?|</c>,
/// possessive quantifiers, <c>\K</c>) are reported with <see cref="ArgumentException"/>.
/// </summary>
public static class PcreTranslator
{
    private const string Space = @"\t-\r ";
    private const string Word = "0-9A-Za-z_";

    private static readonly Dictionary<string, string> s_posix = new(StringComparer.Ordinal)
    {
        ["alpha"] = "A-Za-z",
        ["digit"] = "0-9",
        ["alnum"] = "0-9A-Za-z",
        ["upper"] = "A-Z",
        ["lower"] = "a-z",
        ["space"] = Space,
        ["blank"] = @" \t",
        ["punct"] = @"!-/:-@\[-`{-~",
        ["xdigit"] = "0-9A-Fa-f",
        ["word"] = Word,
        ["cntrl"] = @"\x00-\x1f\x7f",
        ["print"] = @"\x20-\x7e",
        ["graph"] = @"\x21-\x7e",
        ["ascii"] = @"\x00-\x7f",
    };

    /// <summary>Translates <paramref name="pattern"/>.</summary>
    public static string Translate(string pattern)
    {
        var sb = new StringBuilder(pattern.Length + 16);
        var inClass = false;
        var classStart = -1;
        var afterQuantifier = false;
        for (var i = 0; i < pattern.Length; i++)
        {
            var c = pattern[i];
            var wasQuantifier = afterQuantifier;
            afterQuantifier = false;
            if (c == '\\' && i + 1 < pattern.Length)
            {
                var n = pattern[i + 1];
                i++;
                switch (n)
                {
                    case 'x' when i + 1 < pattern.Length && pattern[i + 1] == '{':
                    {
                        var end = pattern.IndexOf('}', i + 2);
                        if (end < 0)
                        {
                            throw new ArgumentException("unterminated \\x{...}");
                        }

                        var value = int.Parse(pattern.AsSpan(i + 2, end - i - 2), NumberStyles.HexNumber, CultureInfo.InvariantCulture);
                        sb.Append(value <= 0xff ? $"\\x{value:x2}" : $"\\u{value:x4}");
                        i = end;
                        break;
                    }

                    case 's':
                        sb.Append(inClass ? Space : "[" + Space + "]");
                        break;
                    case 'S':
                        sb.Append(inClass ? "\\S" : "[^" + Space + "]");
                        break;
                    case 'w':
                        sb.Append(inClass ? Word : "[" + Word + "]");
                        break;
                    case 'W':
                        sb.Append(inClass ? "\\W" : "[^" + Word + "]");
                        break;
                    case 'd':
                        sb.Append(inClass ? "0-9" : "[0-9]");
                        break;
                    case 'h':
                        sb.Append(inClass ? @" \t\xa0" : @"[ \t\xa0]");
                        break;
                    case 'v':
                        sb.Append(inClass ? @"\n\x0b\f\r\x85" : @"[\n\x0b\f\r\x85]");
                        break;
                    case 'Q':
                    {
                        var end = pattern.IndexOf("\\E", i + 1, StringComparison.Ordinal);
                        var literal = end < 0 ? pattern[(i + 1)..] : pattern[(i + 1)..end];
                        sb.Append(inClass ? literal.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("]", "\\]", StringComparison.Ordinal) : System.Text.RegularExpressions.Regex.Escape(literal));
                        i = end < 0 ? pattern.Length : end + 1;
                        break;
                    }

                    case 'E':
                        break;
                    case '-' when inClass:
                        // .NET reads "\-" in a class as a literal that cannot start a range ("[\--9]"); "\x2d" can.
                        sb.Append(@"\x2d");
                        break;
                    case 'K' or 'R' or 'X' or 'C':
                        throw new ArgumentException($"PCRE escape \\{n} is not supported");
                    default:
                        sb.Append('\\').Append(n);
                        break;
                }

                continue;
            }

            if (inClass)
            {
                if (c == '[' && i + 1 < pattern.Length && pattern[i + 1] == ':')
                {
                    var end = pattern.IndexOf(":]", i + 2, StringComparison.Ordinal);
                    if (end > 0 && s_posix.TryGetValue(pattern[(i + 2)..end], out var expansion))
                    {
                        sb.Append(expansion);
                        i = end + 1;
                        continue;
                    }
                }

                if (c == '[')
                {
                    sb.Append("\\[");
                    continue;
                }

                if (c == ']' && i > classStart)
                {
                    inClass = false;
                }

                sb.Append(c);
                continue;
            }

            switch (c)
            {
                case '[':
                    inClass = true;
                    sb.Append(c);
                    if (i + 1 < pattern.Length && pattern[i + 1] == '^')
                    {
                        sb.Append('^');
                        i++;
                    }

                    // A ']' right after '[' or '[^' is a literal in PCRE.
                    if (i + 1 < pattern.Length && pattern[i + 1] == ']')
                    {
                        sb.Append("\\]");
                        i++;
                    }

                    classStart = i + 1;
                    break;
                case '(' when i + 2 < pattern.Length && pattern[i + 1] == '?' && pattern[i + 2] == '|':
                    throw new ArgumentException("PCRE branch reset (?| is not supported");
                case '+' when wasQuantifier:
                    throw new ArgumentException("possessive quantifiers are not supported");
                default:
                    sb.Append(c);
                    afterQuantifier = c is '*' or '+' || (c == '?' && i > 0 && pattern[i - 1] != '(') || (c == '}' && ClosesQuantifier(pattern, i));
                    break;
            }
        }

        return sb.ToString();
    }

    private static bool ClosesQuantifier(string pattern, int close)
    {
        var open = pattern.LastIndexOf('{', close);
        if (open < 0)
        {
            return false;
        }

        var body = pattern.AsSpan(open + 1, close - open - 1);
        return body.Length > 0 && char.IsAsciiDigit(body[0]) && !body.ContainsAnyExcept("0123456789,");
    }
}
