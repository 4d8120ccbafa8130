namespace Rempart.SecLang.Transformations;

/// <summary><c>t:removeWhitespace</c> — removes every white-space byte (C <c>isspace</c> and 0xA0).</summary>
internal sealed class RemoveWhitespaceTransformation : ITransformation
{
    public string Transform(string input) => TransformationHelpers.Shrinking(input, Write);

    private static int Write(string input, Span<char> output)
    {
        var n = 0;
        foreach (var c in input)
        {
            if (!TransformationHelpers.IsSpace(c) && c != (char)0xa0)
            {
                output[n++] = c;
            }
        }

        return n;
    }
}
