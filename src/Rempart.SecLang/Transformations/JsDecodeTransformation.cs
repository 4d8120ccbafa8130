using System.Text;

namespace Rempart.SecLang.Transformations;

/// <summary>
/// <c>t:jsDecode</c> — JavaScript escapes: <c>\uHHHH</c> (low byte, full-width ASCII folded), <c>\xHH</c>,
/// <c>\OOO</c>, <c>\a \b \f \n \r \t \v</c>, and <c>\C</c> → <c>C</c>. Example: <c>\x3cscript\u003e</c> → <c>&lt;script&gt;</c>.
/// </summary>
internal sealed class JsDecodeTransformation : ITransformation
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
            if (input[i] != '\\')
            {
                sb.Append(input[i++]);
                continue;
            }

            if (i + 5 < input.Length && input[i + 1] == 'u' && TransformationHelpers.AreHex(input, i + 2, 4))
            {
                sb.Append(TransformationHelpers.UnicodeLowByte(input, i + 2));
                i += 6;
            }
            else if (i + 3 < input.Length && input[i + 1] == 'x' && TransformationHelpers.AreHex(input, i + 2, 2))
            {
                sb.Append(TransformationHelpers.HexPair(input[i + 2], input[i + 3]));
                i += 4;
            }
            else if (i + 1 < input.Length && TransformationHelpers.IsOctal(input[i + 1]))
            {
                var j = 0;
                while (i + 1 + j < input.Length && j < 3 && TransformationHelpers.IsOctal(input[i + 1 + j]))
                {
                    j++;
                }

                if (j == 3 && input[i + 1] > '3')
                {
                    j = 2;
                }

                var value = 0;
                for (var p = 0; p < j; p++)
                {
                    value = (value * 8) + (input[i + 1 + p] - '0');
                }

                sb.Append((char)value);
                i += 1 + j;
            }
            else if (i + 1 < input.Length)
            {
                sb.Append(input[i + 1] switch
                {
                    'a' => '\a',
                    'b' => '\b',
                    'f' => '\f',
                    'n' => '\n',
                    'r' => '\r',
                    't' => '\t',
                    'v' => '\v',
                    var other => other,
                });
                i += 2;
            }
            else
            {
                sb.Append(input[i++]);
            }
        }

        return TransformationHelpers.Same(input, sb.ToString());
    }
}
