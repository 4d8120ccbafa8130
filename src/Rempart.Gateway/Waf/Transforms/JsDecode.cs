using System.Text;

namespace Rempart.Gateway.Waf.Transforms;

/// <summary>js_decode: JavaScript escapes \uHHHH, \u{H…}, \xHH, \OOO and \n \t \r \b \f \v \0; other \c give c.</summary>
public static class JsDecode
{
    public static string Apply(string input) => Decode(input, escapesOnly: false);

    /// <summary>Only the numeric escapes (\uHHHH, \u{H…}, \xHH): leaves \n, \t and Windows paths alone. Used by decode_all.</summary>
    public static string ApplyNumericOnly(string input) => Decode(input, escapesOnly: true);

    private static string Decode(string input, bool escapesOnly)
    {
        var slash = input.IndexOf('\\');
        if (slash < 0)
        {
            return input;
        }

        var sb = new StringBuilder(input.Length);
        sb.Append(input, 0, slash);
        for (var i = slash; i < input.Length; i++)
        {
            var c = input[i];
            if (c != '\\' || i + 1 >= input.Length)
            {
                sb.Append(c);
                continue;
            }

            var n = input[i + 1];
            if ((n is 'u' or 'U') && i + 5 < input.Length && IsHex(input, i + 2, 4))
            {
                var code = Convert.ToInt32(input.Substring(i + 2, 4), 16);
                sb.Append(code is >= 0xFF01 and <= 0xFF5E ? (char)(code - 0xFEE0) : (char)code);
                i += 5;
            }
            else if (n == 'u' && i + 2 < input.Length && input[i + 2] == '{' && input.IndexOf('}', i + 3) is var close and > 0 && close - i - 3 is > 0 and <= 6 && IsHex(input, i + 3, close - i - 3))
            {
                var code = Convert.ToInt32(input.Substring(i + 3, close - i - 3), 16);
                sb.Append(code <= 0x10FFFF && code is < 0xD800 or > 0xDFFF ? char.ConvertFromUtf32(code) : "\uFFFD");
                i = close;
            }
            else if ((n is 'x' or 'X') && i + 3 < input.Length && IsHex(input, i + 2, 2))
            {
                sb.Append((char)Convert.ToInt32(input.Substring(i + 2, 2), 16));
                i += 3;
            }
            else if (escapesOnly)
            {
                sb.Append(c);
            }
            else if (n is >= '0' and <= '7')
            {
                var j = i + 1;
                var code = 0;
                while (j < input.Length && j - i <= 3 && input[j] is >= '0' and <= '7')
                {
                    code = code * 8 + (input[j] - '0');
                    j++;
                }

                sb.Append((char)(code & 0xFF));
                i = j - 1;
            }
            else
            {
                sb.Append(n switch { 'n' => '\n', 't' => '\t', 'r' => '\r', 'b' => '\b', 'f' => '\f', 'v' => '\v', _ => n });
                i++;
            }
        }

        return sb.ToString();
    }

    private static bool IsHex(string s, int start, int count)
    {
        for (var k = start; k < start + count; k++)
        {
            if (k >= s.Length || !char.IsAsciiHexDigit(s[k]))
            {
                return false;
            }
        }

        return true;
    }
}
