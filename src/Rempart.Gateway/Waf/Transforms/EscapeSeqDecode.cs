using System.Text;

namespace Rempart.Gateway.Waf.Transforms;

/// <summary>escape_seq_decode: ANSI C escapes \a \b \f \n \r \t \v \\ \? \' \" \xHH \OOO.</summary>
public static class EscapeSeqDecode
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

            var n = input[i + 1];
            if (n is 'x' or 'X' && i + 3 < input.Length && char.IsAsciiHexDigit(input[i + 2]) && char.IsAsciiHexDigit(input[i + 3]))
            {
                sb.Append((char)(Hex.Value(input[i + 2]) << 4 | Hex.Value(input[i + 3])));
                i += 3;
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
                sb.Append(n switch { 'a' => '\a', 'b' => '\b', 'f' => '\f', 'n' => '\n', 'r' => '\r', 't' => '\t', 'v' => '\v', _ => n });
                i++;
            }
        }

        return sb.ToString();
    }
}
