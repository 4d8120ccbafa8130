using System.Text;

namespace Rempart.SecLang.Transformations;

/// <summary>
/// <c>t:htmlEntityDecode</c> — <c>&amp;#DDD;</c>, <c>&amp;#xHH;</c> (semicolon optional, low byte kept) and
/// <c>&amp;quot; &amp;amp; &amp;lt; &amp;gt; &amp;nbsp;</c>; other entities are kept. Example: <c>&amp;lt;script&amp;#x3e;</c> → <c>&lt;script&gt;</c>.
/// </summary>
internal sealed class HtmlEntityDecodeTransformation : ITransformation
{
    public string Transform(string input)
    {
        if (!input.Contains('&'))
        {
            return input;
        }

        var sb = new StringBuilder(input.Length);
        var i = 0;
        while (i < input.Length)
        {
            if (input[i] == '&' && i + 1 < input.Length && TryEntity(input, i, sb, out var next))
            {
                i = next;
                continue;
            }

            sb.Append(input[i++]);
        }

        return TransformationHelpers.Same(input, sb.ToString());
    }

    private static bool TryEntity(string input, int amp, StringBuilder sb, out int next)
    {
        next = amp;
        var k = amp + 1;
        if (input[k] == '#')
        {
            k++;
            if (k >= input.Length)
            {
                return false;
            }

            var hex = (input[k] | 0x20) == 'x';
            if (hex)
            {
                k++;
            }

            var j = k;
            while (j < input.Length && (hex ? TransformationHelpers.IsHex(input[j]) : char.IsAsciiDigit(input[j])))
            {
                j++;
            }

            if (j == k)
            {
                return false;
            }

            long value = 0;
            for (var p = k; p < j && value < 0x1000000; p++)
            {
                value = (value * (hex ? 16 : 10)) + TransformationHelpers.HexValue(input[p]);
            }

            sb.Append((char)(value & 0xff));
            next = j < input.Length && input[j] == ';' ? j + 1 : j;
            return true;
        }

        var end = k;
        while (end < input.Length && char.IsAsciiLetterOrDigit(input[end]))
        {
            end++;
        }

        if (end == k)
        {
            return false;
        }

        char decoded;
        var name = input.AsSpan(k, end - k);
        if (name.Equals("quot", StringComparison.OrdinalIgnoreCase))
        {
            decoded = '"';
        }
        else if (name.Equals("amp", StringComparison.OrdinalIgnoreCase))
        {
            decoded = '&';
        }
        else if (name.Equals("lt", StringComparison.OrdinalIgnoreCase))
        {
            decoded = '<';
        }
        else if (name.Equals("gt", StringComparison.OrdinalIgnoreCase))
        {
            decoded = '>';
        }
        else if (name.Equals("nbsp", StringComparison.OrdinalIgnoreCase))
        {
            decoded = (char)0xa0;
        }
        else
        {
            return false;
        }

        sb.Append(decoded);
        next = end < input.Length && input[end] == ';' ? end + 1 : end;
        return true;
    }
}
