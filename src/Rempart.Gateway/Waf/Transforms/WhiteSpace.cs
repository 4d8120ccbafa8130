using System.Text;

namespace Rempart.Gateway.Waf.Transforms;

/// <summary>compress_white_space: each run of white space (including NBSP, \v, \f) becomes one space. remove_white_space: all removed.</summary>
public static class WhiteSpace
{
    public static string Compress(string input)
    {
        var sb = new StringBuilder(input.Length);
        var inSpace = false;
        foreach (var c in input)
        {
            if (char.IsWhiteSpace(c) || c == '\u00A0')
            {
                if (!inSpace)
                {
                    sb.Append(' ');
                }

                inSpace = true;
            }
            else
            {
                sb.Append(c);
                inSpace = false;
            }
        }

        return sb.ToString();
    }

    public static string Remove(string input)
    {
        var sb = new StringBuilder(input.Length);
        foreach (var c in input)
        {
            if (!char.IsWhiteSpace(c) && c != '\u00A0')
            {
                sb.Append(c);
            }
        }

        return sb.ToString();
    }
}
