using System.Text;

namespace Rempart.SecLang.Transformations;

/// <summary>
/// <c>t:escapeSeqDecode</c> — ANSI C escapes: <c>\a \b \f \n \r \t \v \\ \? \' \"</c>, <c>\xHH</c>, <c>\OOO</c>;
/// an unknown escape keeps only the escaped byte.
/// </summary>
internal sealed class EscapeSeqDecodeTransformation : ITransformation
{
    public string Transform(string input)
    {
        if (!input.Contains('\\'))
        {
            return input;
        }

        var sb = new StringBuilder(input.Length);
        var i = 0;
        while (i < input.Length)
        {
            if (input[i] != '\\' || i + 1 >= input.Length)
            {
                sb.Append(input[i++]);
                continue;
            }

            int c = input[i + 1] switch
            {
                'a' => '\a',
                'b' => '\b',
                'f' => '\f',
                'n' => '\n',
                'r' => '\r',
                't' => '\t',
                'v' => '\v',
                '\\' => '\\',
                '?' => '?',
                '\'' => '\'',
                '"' => '"',
                _ => -1,
            };
            if (c != -1)
            {
                i += 2;
            }
            else if ((input[i + 1] | 0x20) == 'x')
            {
                if (i + 3 < input.Length && TransformationHelpers.IsHex(input[i + 2]) && TransformationHelpers.IsHex(input[i + 3]))
                {
                    c = TransformationHelpers.HexPair(input[i + 2], input[i + 3]);
                    i += 4;
                }
            }
            else if (TransformationHelpers.IsOctal(input[i + 1]))
            {
                var j = 0;
                var value = 0;
                while (i + 1 + j < input.Length && j < 3 && TransformationHelpers.IsOctal(input[i + 1 + j]))
                {
                    value = (value * 8) + (input[i + 1 + j] - '0');
                    j++;
                }

                c = value & 0xff;
                i += 1 + j;
            }

            if (c == -1)
            {
                sb.Append(input[i + 1]);
                i += 2;
            }
            else
            {
                sb.Append((char)c);
            }
        }

        return TransformationHelpers.Same(input, sb.ToString());
    }
}
