using System.Text;

namespace Rempart.SecLang.Transformations;

/// <summary><c>t:sqlHexDecode</c> — SQL hex literals <c>0xHHHH…</c> to their bytes. Example: <c>0x414243</c> → <c>ABC</c>.</summary>
internal sealed class SqlHexDecodeTransformation : ITransformation
{
    public string Transform(string input)
    {
        if (!input.Contains('0'))
        {
            return input;
        }

        var sb = new StringBuilder(input.Length);
        var i = 0;
        while (i < input.Length)
        {
            if (i + 3 < input.Length && input[i] == '0' && (input[i + 1] | 0x20) == 'x' && TransformationHelpers.IsHex(input[i + 2]) && TransformationHelpers.IsHex(input[i + 3]))
            {
                i += 2;
                while (i + 1 < input.Length && TransformationHelpers.IsHex(input[i]) && TransformationHelpers.IsHex(input[i + 1]))
                {
                    sb.Append(TransformationHelpers.HexPair(input[i], input[i + 1]));
                    i += 2;
                }
            }
            else
            {
                sb.Append(input[i++]);
            }
        }

        return TransformationHelpers.Same(input, sb.ToString());
    }
}
