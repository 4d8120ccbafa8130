using System.Text;

namespace Rempart.SecLang.Transformations;

/// <summary><c>t:urlEncode</c> — encodes every byte other than letters, digits and <c>*-._</c>; a space becomes <c>+</c>.</summary>
internal sealed class UrlEncodeTransformation : ITransformation
{
    public string Transform(string input)
    {
        var sb = new StringBuilder(input.Length * 2);
        foreach (var c in input)
        {
            if (c == ' ')
            {
                sb.Append('+');
            }
            else if (char.IsAsciiLetterOrDigit(c) || c is '*' or '-' or '.' or '_')
            {
                sb.Append(c);
            }
            else
            {
                sb.Append('%').Append(((int)c & 0xff).ToString("x2", System.Globalization.CultureInfo.InvariantCulture));
            }
        }

        return TransformationHelpers.Same(input, sb.ToString());
    }
}
