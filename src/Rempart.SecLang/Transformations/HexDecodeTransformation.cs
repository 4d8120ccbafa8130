using System.Text;

namespace Rempart.SecLang.Transformations;

/// <summary><c>t:hexDecode</c> — pairs of hex digits to bytes; decoding stops at the first pair that is not hex.</summary>
internal sealed class HexDecodeTransformation : ITransformation
{
    public string Transform(string input)
    {
        var sb = new StringBuilder(input.Length / 2);
        for (var i = 0; i + 1 < input.Length; i += 2)
        {
            if (!TransformationHelpers.IsHex(input[i]) || !TransformationHelpers.IsHex(input[i + 1]))
            {
                break;
            }

            sb.Append(TransformationHelpers.HexPair(input[i], input[i + 1]));
        }

        return sb.ToString();
    }
}
