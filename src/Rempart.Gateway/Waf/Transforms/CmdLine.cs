using System.Text;

namespace Rempart.Gateway.Waf.Transforms;

/// <summary>
/// cmd_line, as ModSecurity defines it: delete \ " ' ^; delete spaces before / and (; turn , and ;
/// into a space; compress white space; lowercase. Undoes the usual command obfuscations
/// (c"a"t, c^at, /bin/c\at).
/// </summary>
public static class CmdLine
{
    public static string Apply(string input)
    {
        var sb = new StringBuilder(input.Length);
        var space = false;
        foreach (var raw in input)
        {
            var c = raw;
            if (c is '\\' or '"' or '\'' or '^')
            {
                continue;
            }

            if (c is ',' or ';' || char.IsWhiteSpace(c))
            {
                space = true;
                continue;
            }

            if (space)
            {
                if (c is not '/' and not '(' && sb.Length > 0)
                {
                    sb.Append(' ');
                }

                space = false;
            }

            sb.Append(char.ToLowerInvariant(c));
        }

        return sb.ToString();
    }
}
