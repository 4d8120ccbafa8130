using System.Net;
using System.Text;

namespace Rempart.Gateway.Waf.Transforms;

/// <summary>
/// html_entity_decode: &amp;#NNN; &amp;#xHH; (also without the ';', as browsers accept them) and named
/// entities (&amp;lt; &amp;quot; &amp;nbsp; … the full HTML set).
/// </summary>
public static class HtmlEntityDecode
{
    public static string Apply(string input)
    {
        var amp = input.IndexOf('&');
        if (amp < 0)
        {
            return input;
        }

        var sb = new StringBuilder(input.Length);
        sb.Append(input, 0, amp);
        for (var i = amp; i < input.Length; i++)
        {
            var c = input[i];
            if (c != '&' || i + 1 >= input.Length)
            {
                sb.Append(c);
                continue;
            }

            if (input[i + 1] == '#')
            {
                var j = i + 2;
                var hex = j < input.Length && (input[j] is 'x' or 'X');
                if (hex)
                {
                    j++;
                }

                var start = j;
                long code = 0;
                while (j < input.Length && j - start < 8 && (hex ? char.IsAsciiHexDigit(input[j]) : char.IsAsciiDigit(input[j])))
                {
                    code = code * (hex ? 16 : 10) + (hex ? Hex.Value(input[j]) : input[j] - '0');
                    j++;
                }

                if (j > start && code is > 0 and <= 0x10FFFF)
                {
                    sb.Append(char.ConvertFromUtf32(code is >= 0xD800 and <= 0xDFFF ? 0xFFFD : (int)code));
                    i = j < input.Length && input[j] == ';' ? j : j - 1;
                    continue;
                }
            }
            else
            {
                var semi = input.IndexOf(';', i + 1, Math.Min(12, input.Length - i - 1));
                if (semi > i + 1)
                {
                    var entity = input.Substring(i, semi - i + 1);
                    var decoded = WebUtility.HtmlDecode(entity);
                    if (decoded != entity)
                    {
                        sb.Append(decoded);
                        i = semi;
                        continue;
                    }
                }
            }

            sb.Append(c);
        }

        return sb.ToString();
    }
}
