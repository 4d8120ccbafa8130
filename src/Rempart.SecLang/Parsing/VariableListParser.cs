using System.Text.RegularExpressions;
using Rempart.SecLang.Variables;

namespace Rempart.SecLang.Parsing;

/// <summary>
/// Reads a target list: <c>ARGS|!ARGS:foo|&amp;REQUEST_HEADERS:Host|REQUEST_COOKIES:/^_ga/|XML:/*</c>.
/// Elements are split on <c>|</c> except inside a <c>/regex/</c> or <c>'quoted'</c> key; names are checked
/// against the variable registry; regex keys are case-insensitive.
/// </summary>
public static class VariableListParser
{
    /// <summary>The specs in order; an unknown variable is an error.</summary>
    public static List<VariableSpec> Parse(string text)
    {
        var specs = new List<VariableSpec>();
        var i = 0;
        while (i < text.Length)
        {
            while (i < text.Length && (text[i] == '|' || char.IsWhiteSpace(text[i])))
            {
                i++;
            }

            if (i >= text.Length)
            {
                break;
            }

            var isExclusion = false;
            var isCount = false;
            if (text[i] == '!')
            {
                isExclusion = true;
                i++;
            }
            else if (text[i] == '&')
            {
                isCount = true;
                i++;
            }

            var nameStart = i;
            while (i < text.Length && text[i] != ':' && text[i] != '|')
            {
                i++;
            }

            var name = text[nameStart..i].Trim();
            string? key = null;
            Regex? keyRegex = null;
            if (i < text.Length && text[i] == ':')
            {
                i++;
                if (i < text.Length && text[i] == '/' && !name.Equals("XML", StringComparison.OrdinalIgnoreCase))
                {
                    var end = i + 1;
                    while (end < text.Length && (text[end] != '/' || text[end - 1] == '\\'))
                    {
                        end++;
                    }

                    if (end >= text.Length)
                    {
                        throw new SecLangException($"unterminated regular expression key in '{text}'");
                    }

                    var pattern = text[(i + 1)..end];
                    try
                    {
                        keyRegex = new Regex(Engine.PcreTranslator.Translate(pattern), RegexOptions.IgnoreCase | RegexOptions.CultureInvariant, TimeSpan.FromMilliseconds(100));
                    }
                    catch (ArgumentException e)
                    {
                        throw new SecLangException($"invalid regular expression key /{pattern}/: {e.Message}", e);
                    }

                    i = end + 1;
                }
                else if (i < text.Length && text[i] == '\'')
                {
                    var end = text.IndexOf('\'', i + 1);
                    if (end < 0)
                    {
                        throw new SecLangException($"unterminated quoted key in '{text}'");
                    }

                    key = text[(i + 1)..end];
                    i = end + 1;
                }
                else
                {
                    var start = i;
                    while (i < text.Length && text[i] != '|')
                    {
                        i++;
                    }

                    key = text[start..i].Trim();
                }
            }

            var variable = VariableRegistry.Find(name) ?? throw new SecLangException($"unknown variable '{name}'");
            if ((key is not null || keyRegex is not null) && !variable.IsCollection)
            {
                throw new SecLangException($"variable '{name}' is not a collection and takes no key");
            }

            specs.Add(new VariableSpec(variable, key, keyRegex, isCount, isExclusion));
        }

        return specs;
    }
}
