using System.Text;

namespace Rempart.SecLang.Transformations;

/// <summary>
/// <c>t:removeComments</c> — removes <c>/* … */</c> and <c>&lt;!-- … --&gt;</c> comments and cuts the value at
/// <c>--</c> or <c>#</c>; an unterminated comment becomes one space (ModSecurity's quirks kept).
/// </summary>
internal sealed class RemoveCommentsTransformation : ITransformation
{
    public string Transform(string input)
    {
        var sb = new StringBuilder(input.Length);
        var inComment = false;
        var i = 0;
        var n = input.Length;
        while (i < n)
        {
            if (!inComment)
            {
                if (input[i] == '/' && i + 1 < n && input[i + 1] == '*')
                {
                    inComment = true;
                    i += 2;
                }
                else if (input[i] == '<' && i + 3 < n && input[i + 1] == '!' && input[i + 2] == '-' && input[i + 3] == '-')
                {
                    inComment = true;
                    i += 4;
                }
                else if ((input[i] == '-' && i + 1 < n && input[i + 1] == '-') || input[i] == '#')
                {
                    break;
                }
                else
                {
                    sb.Append(input[i++]);
                }
            }
            else if (input[i] == '*' && i + 1 < n && input[i + 1] == '/')
            {
                inComment = false;
                i += 2;
                if (i < n)
                {
                    sb.Append(input[i++]);
                }
            }
            else if (input[i] == '-' && i + 2 < n && input[i + 1] == '-' && input[i + 2] == '>')
            {
                inComment = false;
                i += 3;
                if (i < n)
                {
                    sb.Append(input[i++]);
                }
            }
            else
            {
                i++;
            }
        }

        if (inComment)
        {
            sb.Append(' ');
        }

        return TransformationHelpers.Same(input, sb.ToString());
    }
}
