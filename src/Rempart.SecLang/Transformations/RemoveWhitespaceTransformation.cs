using System.Text;

namespace Rempart.SecLang.Transformations;

/// <summary><c>t:removeWhitespace</c> — removes every white-space byte (C <c>isspace</c> and 0xA0).</summary>
internal sealed class RemoveWhitespaceTransformation : ITransformation
{
    public string Transform(string input)
    {
        var sb = new StringBuilder(input.Length);
        foreach (var c in input)
        {
            if (!TransformationHelpers.IsSpace(c) && c != (char)0xa0)
            {
                sb.Append(c);
            }
        }

        return sb.Length == input.Length ? input : sb.ToString();
    }
}
