namespace Rempart.Detection.Html;

/// <summary>
/// Finds CSS that runs script or loads active content: IE's <c>expression()</c> and behaviors,
/// Firefox's <c>-moz-binding</c>, script URLs, and <c>@import</c>. The CSS is first brought to one
/// spelling (comments removed, <c>\65</c>-style escapes decoded, white space dropped, lower case),
/// because that is what attackers vary.
/// </summary>
internal static class CssInspector
{
    private static readonly (string Needle, string Reason)[] s_dangers =
    [
        ("expression(", "style:expression"),
        ("javascript:", "style:javascript"),
        ("vbscript:", "style:vbscript"),
        ("behavior:", "style:behavior"),
        ("behaviour:", "style:behavior"),
        ("-moz-binding", "style:moz-binding"),
        ("@import", "style:import"),
    ];

    private const int StackLimit = 512;

    /// <summary>
    /// The reason a style attribute is dangerous, or null. Beyond <see cref="FindDanger"/>, an
    /// attribute's CSS should be plain declarations (color:red; margin:0): braces, brackets,
    /// escapes, comments and control characters are how CSS injection and obfuscation look, and
    /// url() makes the page load a resource of the attacker's choosing.
    /// </summary>
    public static string? FindAttributeDanger(ReadOnlySpan<char> css)
    {
        var danger = FindDanger(css);
        if (danger is not null)
        {
            return danger;
        }

        foreach (var c in css)
        {
            if (c is '{' or '}' or '[' or ']' or '\\' || c < ' ')
            {
                return "style:obfuscated";
            }
        }

        if (css.Contains("/*", StringComparison.Ordinal))
        {
            return "style:obfuscated";
        }

        return css.Contains("url(", StringComparison.OrdinalIgnoreCase) ? "style:url" : null;
    }

    /// <summary>The reason the CSS is dangerous, or null.</summary>
    public static string? FindDanger(ReadOnlySpan<char> css)
    {
        if (css.IsEmpty)
        {
            return null;
        }

        char[]? rented = null;
        var buffer = css.Length <= StackLimit
            ? stackalloc char[StackLimit]
            : (rented = System.Buffers.ArrayPool<char>.Shared.Rent(css.Length));
        try
        {
            var normal = buffer[..Normalize(css, buffer)];
            foreach (var (needle, reason) in s_dangers)
            {
                if (normal.Contains(needle, StringComparison.Ordinal))
                {
                    return reason;
                }
            }

            return null;
        }
        finally
        {
            if (rented is not null)
            {
                System.Buffers.ArrayPool<char>.Shared.Return(rented);
            }
        }
    }

    /// <summary>Writes the one-spelling form of <paramref name="css"/>; never longer than the input.</summary>
    private static int Normalize(ReadOnlySpan<char> css, Span<char> output)
    {
        var written = 0;
        var i = 0;
        var quote = '\0';
        while (i < css.Length)
        {
            var c = css[i];

            // Inside a CSS string "/*" is text, not a comment.
            if (quote != '\0' || c is '"' or '\'')
            {
                quote = quote == '\0' ? c : (c == quote ? '\0' : quote);
            }
            else if (c == '/' && i + 1 < css.Length && css[i + 1] == '*')
            {
                var close = css[(i + 2)..].IndexOf("*/");
                i = close < 0 ? css.Length : i + 2 + close + 2;
                continue;
            }

            if (c == '\\')
            {
                i = ReadEscape(css, i + 1, out c);
            }
            else
            {
                i++;
            }

            // Drop white space and control characters: "ex pression(" and "java\tscript:" read as one word.
            if (c <= ' ')
            {
                continue;
            }

            output[written++] = char.IsAsciiLetterUpper(c) ? (char)(c | 0x20) : c;
        }

        return written;
    }

    /// <summary>Reads a CSS escape after its backslash: up to six hex digits and one white space, or one character.</summary>
    private static int ReadEscape(ReadOnlySpan<char> css, int i, out char value)
    {
        var digits = 0;
        var code = 0;
        while (digits < 6 && i + digits < css.Length && char.IsAsciiHexDigit(css[i + digits]))
        {
            var h = css[i + digits];
            code = (code * 16) + (char.IsAsciiDigit(h) ? h - '0' : (h | 0x20) - 'a' + 10);
            digits++;
        }

        if (digits == 0)
        {
            // "\j" is "j"; a backslash at the end or before a newline is nothing.
            value = i < css.Length ? css[i] : ' ';
            return i < css.Length ? i + 1 : i;
        }

        i += digits;
        if (i < css.Length && css[i] is ' ' or '\t' or '\n' or '\r' or '\f')
        {
            i++;
        }

        value = code is > 0 and < 0x10000 ? (char)code : '\ufffd';
        return i;
    }
}
