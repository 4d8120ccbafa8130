using System.Text;

namespace Rempart.SecLang.Transformations;

/// <summary><c>t:removeCommentsChar</c> — removes the comment markers <c>/* */ &lt;!-- --&gt; -- #</c> themselves.</summary>
internal sealed class RemoveCommentsCharTransformation : ITransformation
{
    public string Transform(string input)
    {
        var sb = new StringBuilder(input.Length);
        var i = 0;
        var n = input.Length;
        while (i < n)
        {
            var c = input[i];
            if (c == '/' && i + 1 < n && input[i + 1] == '*')
            {
                i += 2;
            }
            else if (c == '*' && i + 1 < n && input[i + 1] == '/')
            {
                i += 2;
            }
            else if (c == '<' && i + 3 < n && input[i + 1] == '!' && input[i + 2] == '-' && input[i + 3] == '-')
            {
                i += 4;
            }
            else if (c == '-' && i + 2 < n && input[i + 1] == '-' && input[i + 2] == '>')
            {
                i += 3;
            }
            else if (c == '-' && i + 1 < n && input[i + 1] == '-')
            {
                i += 2;
            }
            else if (c == '#')
            {
                i++;
            }
            else
            {
                sb.Append(c);
                i++;
            }
        }

        return sb.Length == n ? input : sb.ToString();
    }
}
