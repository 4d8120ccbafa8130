using System.Text;

namespace Rempart.Gateway.Waf.Transforms;

/// <summary>css_decode: CSS escapes \H to \HHHHHH (one optional white space after), and \c for any other c.</summary>
public static class CssDecode
{
    public static string Apply(string input)
    {
        if (input.IndexOf('\\') < 0)
        {
            return input;
        }

        var sb = new StringBuilder(input.Length);
        for (var i = 0; i < input.Length; i++)
        {
            var c = input[i];
            if (c != '\\' || i + 1 >= input.Length)
            {
                sb.Append(c);
                continue;
            }

            var j = i + 1;
            var code = 0;
            while (j < input.Length && j - i <= 6 && char.IsAsciiHexDigit(input[j]))
            {
                code = code * 16 + Hex.Value(input[j]);
                j++;
            }

            if (j > i + 1)
            {
                sb.Append(code is > 0 and <= 0x10FFFF and (< 0xD800 or > 0xDFFF) ? char.ConvertFromUtf32(code) : "\uFFFD");
                if (j < input.Length && input[j] is ' ' or '\t' or '\n' or '\r' or '\f')
                {
                    j++;
                }

                i = j - 1;
            }
            else if (input[j] is '\n')
            {
                i = j; // an escaped newline is a line continuation
            }
            else
            {
                sb.Append(input[j]);
                i = j;
            }
        }

        return sb.ToString();
    }
}
