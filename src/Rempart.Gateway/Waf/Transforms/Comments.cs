using System.Text;

namespace Rempart.Gateway.Waf.Transforms;

/// <summary>
/// replace_comments: each C-style /* … */ comment (also unterminated) becomes one space.
/// remove_comments: removes /* … */, and -- or # to the end of the line (SQL and shell comments).
/// </summary>
public static class Comments
{
    public static string Replace(string input)
    {
        if (input.IndexOf("/*", StringComparison.Ordinal) < 0)
        {
            return input;
        }

        var sb = new StringBuilder(input.Length);
        for (var i = 0; i < input.Length; i++)
        {
            if (input[i] == '/' && i + 1 < input.Length && input[i + 1] == '*')
            {
                var end = input.IndexOf("*/", i + 2, StringComparison.Ordinal);
                sb.Append(' ');
                if (end < 0)
                {
                    break;
                }

                i = end + 1;
                continue;
            }

            sb.Append(input[i]);
        }

        return sb.ToString();
    }

    public static string Remove(string input)
    {
        var sb = new StringBuilder(input.Length);
        for (var i = 0; i < input.Length; i++)
        {
            var c = input[i];
            if (c == '/' && i + 1 < input.Length && input[i + 1] == '*')
            {
                var end = input.IndexOf("*/", i + 2, StringComparison.Ordinal);
                if (end < 0)
                {
                    break;
                }

                i = end + 1;
                continue;
            }

            if ((c == '-' && i + 1 < input.Length && input[i + 1] == '-') || c == '#')
            {
                var eol = input.IndexOf('\n', i);
                if (eol < 0)
                {
                    break;
                }

                i = eol - 1;
                continue;
            }

            sb.Append(c);
        }

        return sb.ToString();
    }
}
