using System.Text;

namespace Rempart.SecLang.Transformations;

/// <summary>
/// <c>t:urlDecode</c> — <c>%XX</c> to the byte and <c>+</c> to a space; an invalid escape is kept
/// as written (ModSecurity's non-strict decoder). Example: <c>a%20b+c</c> → <c>a b c</c>.
/// </summary>
internal sealed class UrlDecodeTransformation : ITransformation
{
    public string Transform(string input) => Decode(input);

    /// <summary>The decoder, shared with the argument parsers.</summary>
    public static string Decode(string input)
    {
        if (input.AsSpan().IndexOfAny('%', '+') < 0)
        {
            return input;
        }

        var sb = new StringBuilder(input.Length);
        for (var i = 0; i < input.Length; i++)
        {
            var c = input[i];
            if (c == '%' && i + 2 < input.Length && TransformationHelpers.IsHex(input[i + 1]) && TransformationHelpers.IsHex(input[i + 2]))
            {
                sb.Append(TransformationHelpers.HexPair(input[i + 1], input[i + 2]));
                i += 2;
            }
            else
            {
                sb.Append(c == '+' ? ' ' : c);
            }
        }

        return sb.ToString();
    }
}
