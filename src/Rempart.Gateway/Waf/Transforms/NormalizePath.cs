using System.Text;

namespace Rempart.Gateway.Waf.Transforms;

/// <summary>
/// normalize_path: collapse repeated slashes, drop "./" segments and resolve "../" against the
/// previous segment (a leading "../" that cannot be resolved is kept, so traversal stays visible).
/// normalize_path_win first turns \ into /.
/// </summary>
public static class NormalizePath
{
    public static string ApplyWin(string input) => Apply(input.Replace('\\', '/'));

    public static string Apply(string input)
    {
        if (input.IndexOf('/') < 0 && input.IndexOf('.') < 0)
        {
            return input;
        }

        var absolute = input.StartsWith('/');
        var trailing = input.EndsWith('/') || input.EndsWith("/.", StringComparison.Ordinal) || input.EndsWith("/..", StringComparison.Ordinal);
        var stack = new List<string>();
        foreach (var segment in input.Split('/'))
        {
            if (segment.Length == 0 || segment == ".")
            {
                continue;
            }

            if (segment == "..")
            {
                if (stack.Count > 0 && stack[^1] != "..")
                {
                    stack.RemoveAt(stack.Count - 1);
                }
                else if (!absolute)
                {
                    stack.Add("..");
                }

                continue;
            }

            stack.Add(segment);
        }

        var sb = new StringBuilder(input.Length);
        if (absolute)
        {
            sb.Append('/');
        }

        sb.AppendJoin('/', stack);
        if (trailing && stack.Count > 0)
        {
            sb.Append('/');
        }

        return sb.ToString();
    }
}
