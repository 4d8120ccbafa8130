namespace Rempart.SecLang.Transformations;

/// <summary><c>t:compressWhitespace</c> — every run of white space (C <c>isspace</c> and 0xA0) becomes one space.</summary>
internal sealed class CompressWhitespaceTransformation : ITransformation
{
    public string Transform(string input) => TransformationHelpers.Shrinking(input, Write);

    private static int Write(string input, Span<char> output)
    {
        var n = 0;
        var inSpace = false;
        foreach (var c in input)
        {
            if (TransformationHelpers.IsSpace(c) || c == (char)0xa0)
            {
                if (!inSpace)
                {
                    output[n++] = ' ';
                    inSpace = true;
                }
            }
            else
            {
                output[n++] = c;
                inSpace = false;
            }
        }

        return n;
    }
}
