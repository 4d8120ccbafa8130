using System.Globalization;
using System.Text;

namespace Rempart.SecLang.Transformations;

/// <summary>
/// <c>t:utf8toUnicode</c> — each valid multi-byte UTF-8 sequence becomes <c>%uHHHH</c>; ASCII and invalid
/// bytes are kept. Example: <c>é</c> (C3 A9) → <c>%u00e9</c>.
/// </summary>
internal sealed class Utf8ToUnicodeTransformation : ITransformation
{
    public string Transform(string input)
    {
        var i = 0;
        while (i < input.Length && input[i] < 0x80)
        {
            i++;
        }

        if (i == input.Length)
        {
            return input;
        }

        var sb = new StringBuilder(input.Length + 16);
        sb.Append(input, 0, i);
        while (i < input.Length)
        {
            var c = input[i];
            var length = c switch
            {
                < (char)0x80 => 1,
                >= (char)0xc2 and <= (char)0xdf => 2,
                >= (char)0xe0 and <= (char)0xef => 3,
                >= (char)0xf0 and <= (char)0xf4 => 4,
                _ => 0,
            };
            if (length > 1 && i + length <= input.Length && Continuations(input, i + 1, length - 1))
            {
                var code = length switch
                {
                    2 => ((c & 0x1f) << 6) | (input[i + 1] & 0x3f),
                    3 => ((c & 0x0f) << 12) | ((input[i + 1] & 0x3f) << 6) | (input[i + 2] & 0x3f),
                    _ => ((c & 0x07) << 18) | ((input[i + 1] & 0x3f) << 12) | ((input[i + 2] & 0x3f) << 6) | (input[i + 3] & 0x3f),
                };
                sb.Append("%u").Append(code.ToString(code > 0xffff ? "x" : "x4", CultureInfo.InvariantCulture));
                i += length;
            }
            else
            {
                sb.Append(c);
                i++;
            }
        }

        return sb.ToString();
    }

    private static bool Continuations(string input, int start, int count)
    {
        for (var i = start; i < start + count; i++)
        {
            if ((input[i] & 0xc0) != 0x80 || input[i] > 0xff)
            {
                return false;
            }
        }

        return true;
    }
}
