namespace Rempart.SecLang.Transformations;

/// <summary>
/// <c>t:cmdLine</c> — normalises a shell command line: drops <c>\ " ' ^</c>, drops white space before
/// <c>/</c> and <c>(</c>, turns <c>, ;</c> and runs of white space into one space, lowercases.
/// Example: <c>C^OMMAND /C DIR</c> → <c>command/c dir</c>.
/// </summary>
internal sealed class CmdLineTransformation : ITransformation
{
    public string Transform(string input) => TransformationHelpers.Shrinking(input, Write);

    private static int Write(string input, Span<char> output)
    {
        var n = 0;
        var space = false;
        foreach (var a in input)
        {
            switch (a)
            {
                case '"' or '\'' or '\\' or '^':
                    break;
                case ' ' or ',' or ';' or '\t' or '\r' or '\n':
                    if (!space)
                    {
                        output[n++] = ' ';
                        space = true;
                    }

                    break;
                case '/' or '(':
                    if (space)
                    {
                        n--;
                    }

                    space = false;
                    output[n++] = a;
                    break;
                default:
                    output[n++] = a is >= 'A' and <= 'Z' ? (char)(a | 0x20) : a;
                    space = false;
                    break;
            }
        }

        return n;
    }
}
