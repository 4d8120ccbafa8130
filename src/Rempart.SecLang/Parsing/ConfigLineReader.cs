using System.Text;

namespace Rempart.SecLang.Parsing;

/// <summary>
/// Splits configuration text into directives the way Apache's config reader does (ModSecurity
/// v2 relies on it): a trailing backslash joins the next line, a line starting with <c>#</c> is a
/// comment, and arguments are split on white space with <c>"..."</c> or <c>'...'</c> quoting in which
/// <c>\"</c> (or <c>\'</c>) and <c>\\</c> stand for the character itself.
/// </summary>
public static class ConfigLineReader
{
    /// <summary>Reads every directive of <paramref name="text"/>, which came from <paramref name="file"/>.</summary>
    public static IEnumerable<ConfigDirective> Read(string text, string file)
    {
        var lines = text.Split('\n');
        var logical = new StringBuilder();
        var startLine = 0;
        for (var i = 0; i < lines.Length; i++)
        {
            var line = lines[i].TrimEnd(' ', '\t', '\r', '\f', '\v');
            if (logical.Length == 0)
            {
                startLine = i + 1;
                line = line.TrimStart(' ', '\t');
            }

            if (line.EndsWith('\\'))
            {
                logical.Append(line, 0, line.Length - 1);
                if (i < lines.Length - 1)
                {
                    continue;
                }
            }
            else
            {
                logical.Append(line);
            }

            var content = logical.ToString();
            logical.Clear();
            if (content.Length == 0 || content[0] == '#')
            {
                continue;
            }

            var words = SplitWords(content);
            if (words.Count == 0)
            {
                continue;
            }

            yield return new ConfigDirective(file, startLine, words[0], words.GetRange(1, words.Count - 1));
        }
    }

    /// <summary>Splits one logical line into words (Apache's <c>ap_getword_conf</c>).</summary>
    public static List<string> SplitWords(string line)
    {
        var words = new List<string>();
        var i = 0;
        while (true)
        {
            while (i < line.Length && char.IsWhiteSpace(line[i]))
            {
                i++;
            }

            if (i >= line.Length)
            {
                return words;
            }

            var quote = line[i];
            int start, end;
            if (quote is '"' or '\'')
            {
                start = i + 1;
                end = start;
                while (end < line.Length && line[end] != quote)
                {
                    end += line[end] == '\\' && end + 1 < line.Length && (line[end + 1] == quote || line[end + 1] == '\\') ? 2 : 1;
                }

                words.Add(Unescape(line.AsSpan(start, end - start), quote));
                i = end < line.Length ? end + 1 : end;
            }
            else
            {
                start = i;
                end = i;
                while (end < line.Length && !char.IsWhiteSpace(line[end]))
                {
                    end++;
                }

                words.Add(Unescape(line.AsSpan(start, end - start), '\0'));
                i = end;
            }
        }
    }

    private static string Unescape(ReadOnlySpan<char> span, char quote)
    {
        if (span.IndexOf('\\') < 0)
        {
            return span.ToString();
        }

        var sb = new StringBuilder(span.Length);
        for (var i = 0; i < span.Length; i++)
        {
            if (span[i] == '\\' && i + 1 < span.Length && (span[i + 1] == '\\' || (quote != '\0' && span[i + 1] == quote)))
            {
                i++;
            }

            sb.Append(span[i]);
        }

        return sb.ToString();
    }
}
