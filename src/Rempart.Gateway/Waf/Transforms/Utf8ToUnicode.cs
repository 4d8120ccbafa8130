using System.Text;

namespace Rempart.Gateway.Waf.Transforms;

/// <summary>utf8_to_unicode: every non-ASCII character becomes %uHHHH, so rules written in ASCII see it.</summary>
public static class Utf8ToUnicode
{
    public static string Apply(string input)
    {
        if (input.All(char.IsAscii))
        {
            return input;
        }

        var sb = new StringBuilder(input.Length * 2);
        foreach (var c in input)
        {
            if (char.IsAscii(c))
            {
                sb.Append(c);
            }
            else
            {
                sb.Append("%u").Append(((int)c).ToString("x4", System.Globalization.CultureInfo.InvariantCulture));
            }
        }

        return sb.ToString();
    }
}
