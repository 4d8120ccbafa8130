namespace Rempart.SecLang.Parsing;

/// <summary>
/// Splits a rule's action list the way ModSecurity does: <c>name</c> or <c>name:value</c>, separated by commas,
/// white space ignored around them; a value in single quotes may hold commas, with <c>\'</c> and <c>\\</c> escapes.
/// </summary>
public static class ActionListParser
{
    /// <summary>The actions in order.</summary>
    public static List<(string Name, string? Value)> Parse(string text)
    {
        var actions = new List<(string, string?)>();
        var p = 0;
        while (true)
        {
            while (p < text.Length && char.IsWhiteSpace(text[p]))
            {
                p++;
            }

            if (p >= text.Length)
            {
                return actions;
            }

            var start = p;
            while (p < text.Length && text[p] is not (':' or ',') && !char.IsWhiteSpace(text[p]))
            {
                p++;
            }

            var name = text[start..p];
            if (name.Length == 0)
            {
                throw new SecLangException($"empty action name at offset {p} in action list");
            }

            string? value = null;
            if (p < text.Length && text[p] == ':')
            {
                p++;
                while (p < text.Length && char.IsWhiteSpace(text[p]))
                {
                    p++;
                }

                if (p < text.Length && text[p] == '\'')
                {
                    p++;
                    var sb = new System.Text.StringBuilder();
                    while (true)
                    {
                        if (p >= text.Length)
                        {
                            throw new SecLangException($"missing closing quote in the value of action '{name}'");
                        }

                        if (text[p] == '\\' && p + 1 < text.Length && text[p + 1] is '\'' or '\\')
                        {
                            sb.Append(text[p + 1]);
                            p += 2;
                        }
                        else if (text[p] == '\'')
                        {
                            p++;
                            break;
                        }
                        else
                        {
                            sb.Append(text[p++]);
                        }
                    }

                    value = sb.ToString();
                }
                else
                {
                    start = p;
                    while (p < text.Length && text[p] != ',' && !char.IsWhiteSpace(text[p]))
                    {
                        p++;
                    }

                    value = text[start..p];
                }
            }

            actions.Add((name, value));
            while (p < text.Length && char.IsWhiteSpace(text[p]))
            {
                p++;
            }

            if (p >= text.Length)
            {
                return actions;
            }

            if (text[p] != ',')
            {
                throw new SecLangException($"unexpected character '{text[p]}' after action '{name}' (expected a comma)");
            }

            p++;
        }
    }
}
