using System.Text;

namespace Rempart.SecLang.Transformations;

/// <summary><c>t:replaceComments</c> — each <c>/* … */</c> comment (terminated or not) becomes one space. Example: <c>UNION/**/SELECT</c> → <c>UNION SELECT</c>.</summary>
internal sealed class ReplaceCommentsTransformation : ITransformation
{
    public string Transform(string input)
    {
        if (!input.Contains("/*", StringComparison.Ordinal))
        {
            return input;
        }

        var sb = new StringBuilder(input.Length);
        var inComment = false;
        var i = 0;
        while (i < input.Length)
        {
            if (!inComment)
            {
                if (input[i] == '/' && i + 1 < input.Length && input[i + 1] == '*')
                {
                    inComment = true;
                    i += 2;
                }
                else
                {
                    sb.Append(input[i++]);
                }
            }
            else if (input[i] == '*' && i + 1 < input.Length && input[i + 1] == '/')
            {
                inComment = false;
                i += 2;
                sb.Append(' ');
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

        return sb.ToString();
    }
}
