using System.Text;

namespace Rempart.SecLang.Transformations;

/// <summary>
/// <c>t:urlDecodeUni</c> — like <c>urlDecode</c>, and <c>%uHHHH</c> becomes its low byte (full-width
/// ASCII U+FF01–U+FF5E becomes the ASCII character), as ModSecurity does without a unicode map.
/// Example: <c>%u0027or%uff031</c> → <c>'or#1</c>.
/// </summary>
internal sealed class UrlDecodeUniTransformation : ITransformation
{
    public string Transform(string input)
    {
        if (input.AsSpan().IndexOfAny('%', '+') < 0)
        {
            return input;
        }

        var sb = new StringBuilder(input.Length);
        for (var i = 0; i < input.Length; i++)
        {
            var c = input[i];
            if (c == '%')
            {
                if (i + 1 < input.Length && (input[i + 1] | 0x20) == 'u')
                {
                    if (TransformationHelpers.AreHex(input, i + 2, 4))
                    {
                        sb.Append(TransformationHelpers.UnicodeLowByte(input, i + 2));
                        i += 5;
                    }
                    else
                    {
                        sb.Append(c).Append(input[i + 1]);
                        i++;
                    }

                    continue;
                }

                if (i + 2 < input.Length && TransformationHelpers.IsHex(input[i + 1]) && TransformationHelpers.IsHex(input[i + 2]))
                {
                    sb.Append(TransformationHelpers.HexPair(input[i + 1], input[i + 2]));
                    i += 2;
                    continue;
                }

                sb.Append(c);
            }
            else
            {
                sb.Append(c == '+' ? ' ' : c);
            }
        }

        return sb.ToString();
    }
}
