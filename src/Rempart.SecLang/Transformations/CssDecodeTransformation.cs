using System.Text;

namespace Rempart.SecLang.Transformations;

/// <summary>
/// <c>t:cssDecode</c> — CSS 2 escapes: <c>\</c> + 1–6 hex digits (last byte kept, full-width ASCII folded,
/// one following white space eaten), an escaped newline vanishes, <c>\C</c> → <c>C</c>. Example: <c>j\61vascript</c> → <c>javascript</c>.
/// </summary>
internal sealed class CssDecodeTransformation : ITransformation
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

            if (i + 1 >= input.Length)
            {
                i++;
                continue;
            }

            i++;
            var j = 0;
            while (j < 6 && i + j < input.Length && TransformationHelpers.IsHex(input[i + j]))
            {
                j++;
            }

            if (j > 0)
            {
                char c;
                var fullCheck = false;
                if (j == 1)
                {
                    c = (char)TransformationHelpers.HexValue(input[i]);
                }
                else
                {
                    c = TransformationHelpers.HexPair(input[i + j - 2], input[i + j - 1]);
                    fullCheck = j == 4 || (j == 5 && input[i] == '0') || (j == 6 && input[i] == '0' && input[i + 1] == '0');
                }

                if (fullCheck && c > 0 && c < 0x5f && (input[i + j - 3] | 0x20) == 'f' && (input[i + j - 4] | 0x20) == 'f')
                {
                    c = (char)(c + 0x20);
                }

                sb.Append(c);
                if (i + j < input.Length && TransformationHelpers.IsSpace(input[i + j]))
                {
                    j++;
                }

                i += j;
            }
            else if (input[i] == '\n')
            {
                i++;
            }
            else
            {
                sb.Append(input[i++]);
            }
        }

        return TransformationHelpers.Same(input, sb.ToString());
    }
}
