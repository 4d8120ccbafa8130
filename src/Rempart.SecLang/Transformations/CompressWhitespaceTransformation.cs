using System.Text;

namespace Rempart.SecLang.Transformations;

/// <summary><c>t:compressWhitespace</c> — every run of white space (C <c>isspace</c> and 0xA0) becomes one space.</summary>
internal sealed class CompressWhitespaceTransformation : ITransformation
{
    public string Transform(string input)
    {
        var sb = new StringBuilder(input.Length);
        var inSpace = false;
        foreach (var c in input)
        {
            if (TransformationHelpers.IsSpace(c) || c == (char)0xa0)
            {
                if (!inSpace)
                {
                    sb.Append(' ');
                    inSpace = true;
                }
            }
            else
            {
                sb.Append(c);
                inSpace = false;
            }
        }

        return TransformationHelpers.Same(input, sb.ToString());
    }
}
