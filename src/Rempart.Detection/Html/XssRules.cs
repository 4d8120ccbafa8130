using System.Collections.Frozen;

namespace Rempart.Detection.Html;

/// <summary>
/// What makes HTML dangerous: elements that run or embed active content, event-handler attributes,
/// and URL schemes that run script. Names are compared in one spelling: lower case, with NULs and
/// control characters removed (browsers and the transformations in front of a WAF drop them),
/// and without a namespace prefix for elements (<c>html:script</c> is <c>script</c>).
/// </summary>
internal static class XssRules
{
    /// <summary>Longest element or attribute name worth comparing; longer ones match nothing here.</summary>
    public const int MaxNameLength = 32;

    // Elements dangerous on their own: script runs its content, an XML data island binds data as
    // HTML, and SVG and MathML switch the parser to foreign content, where the same markup parses
    // differently (mutation XSS) and animation elements can rewrite attributes into handlers.
    private static readonly FrozenSet<string> s_dangerousElements = new[]
    {
        "script", "xml", "svg", "math",
    }.ToFrozenSet(StringComparer.Ordinal);

    // Elements that embed another document or plug-in, change how the page resolves URLs, refresh
    // it, load style or (in old browsers, still reached through compatibility modes) bind behaviors:
    // dangerous once they carry an attribute with a value (src, data, href, http-equiv, ...). Bare,
    // they do nothing, and "Promise<Object>" in pasted code is not an element at all.
    private static readonly FrozenSet<string> s_dangerousElementsWithAttributes = new[]
    {
        "iframe", "frame", "frameset", "object", "embed", "applet", "base", "meta", "link", "style",
        "import", "isindex", "vmlframe", "layer", "ilayer", "portal", "handler", "listener",
    }.ToFrozenSet(StringComparer.Ordinal);

    private static readonly FrozenSet<string>.AlternateLookup<ReadOnlySpan<char>> s_elementWithAttributesLookup =
        s_dangerousElementsWithAttributes.GetAlternateLookup<ReadOnlySpan<char>>();

    // Attributes that are dangerous whatever their value: Internet Explorer's data binding renders
    // bound data as HTML (dataformatas=html, datasrc=#island).
    private static readonly FrozenSet<string> s_dangerousAttributes = new[]
    {
        "dataformatas", "datasrc",
    }.ToFrozenSet(StringComparer.Ordinal);

    private static readonly FrozenSet<string>.AlternateLookup<ReadOnlySpan<char>> s_attributeLookup =
        s_dangerousAttributes.GetAlternateLookup<ReadOnlySpan<char>>();

    private static readonly FrozenSet<string>.AlternateLookup<ReadOnlySpan<char>> s_elementLookup =
        s_dangerousElements.GetAlternateLookup<ReadOnlySpan<char>>();

    private static readonly string[] s_scriptSchemes = ["javascript:", "vbscript:", "livescript:", "mocha:"];

    // data: URLs whose content a browser runs or renders as a document.
    private static readonly string[] s_activeDataTypes =
    [
        "text/html", "text/xml", "text/xsl", "text/javascript", "text/ecmascript", "text/vbscript", "image/svg",
        "application/xhtml", "application/xml", "application/javascript", "application/ecmascript", "application/x-shockwave-flash",
    ];

    // data: URLs that a browser renders as an inert image, sound, video, font or text.
    private static readonly string[] s_inertDataTypes =
    [
        "image/png", "image/jpeg", "image/jpg", "image/gif", "image/webp", "image/bmp", "image/x-icon", "image/avif",
        "audio/", "video/", "font/", "text/plain", "text/css", "application/octet-stream",
    ];

    /// <summary>
    /// Writes the comparable form of a name into <paramref name="buffer"/>; returns its length, or -1 if
    /// too long. For elements the name stops at the first character no element name has
    /// (<c>script&lt;{...}</c> reads as <c>script</c>): the rest is an attempt to confuse a parser.
    /// </summary>
    public static int NormalizeName(ReadOnlySpan<char> name, Span<char> buffer, bool dropNamespace)
    {
        var written = 0;
        foreach (var c in name)
        {
            if (c < ' ')
            {
                continue;
            }

            if (dropNamespace && !(char.IsAsciiLetterOrDigit(c) || c is '-' or '_' or ':' || c > '\u007f'))
            {
                break;
            }

            if (c == ':' && dropNamespace)
            {
                written = 0;
                continue;
            }

            if (written == buffer.Length)
            {
                return -1;
            }

            buffer[written++] = char.IsAsciiLetterUpper(c) ? (char)(c | 0x20) : c;
        }

        return written;
    }

    public static bool IsDangerousElement(ReadOnlySpan<char> normalizedName) => s_elementLookup.Contains(normalizedName);

    public static bool IsDangerousWithAttributes(ReadOnlySpan<char> normalizedName) => s_elementWithAttributesLookup.Contains(normalizedName);

    public static bool IsDangerousAttribute(ReadOnlySpan<char> normalizedName) => s_attributeLookup.Contains(normalizedName);

    /// <summary>The local part of a namespaced attribute name (x:ontimer → ontimer).</summary>
    public static ReadOnlySpan<char> LocalName(ReadOnlySpan<char> normalizedName)
    {
        var colon = normalizedName.LastIndexOf(':');
        return colon < 0 ? normalizedName : normalizedName[(colon + 1)..];
    }

    /// <summary>
    /// on + letters (onerror, onload, onbegin, ...): every event handler has this form, and new
    /// events keep appearing, so the form is checked rather than a list.
    /// </summary>
    public static bool IsEventHandler(ReadOnlySpan<char> normalizedName)
    {
        if (normalizedName.Length < 5 || !normalizedName.StartsWith("on"))
        {
            return false;
        }

        foreach (var c in normalizedName[2..])
        {
            if (!char.IsAsciiLetterLower(c))
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>
    /// The script-running scheme a URL value starts with ("javascript", "data", ...), or null.
    /// The value must already be entity-decoded. Like a browser's URL parser, leading spaces and
    /// control characters are skipped and tabs and line breaks inside are ignored.
    /// </summary>
    /// <param name="value">The decoded value.</param>
    /// <param name="requireCode">
    /// True to insist that what follows a script scheme looks like code (a call, an assignment, a
    /// string): used when the input may just be text that mentions "JavaScript:".
    /// </param>
    public static string? FindScriptScheme(ReadOnlySpan<char> value, bool requireCode)
    {
        Span<char> head = stackalloc char[48];
        var length = 0;
        var i = 0;
        while (i < value.Length && value[i] <= ' ')
        {
            i++;
        }

        var schemeEnd = -1;
        for (; i < value.Length && length < head.Length; i++)
        {
            // Browsers drop tabs and line breaks anywhere in a URL, and older ones other control
            // characters too: "java\x01script:" still reads as a script URL to some.
            var c = value[i];
            if (c < ' ' || c == '\u007f')
            {
                continue;
            }

            head[length++] = char.IsAsciiLetterUpper(c) ? (char)(c | 0x20) : c;
            if (c == ':' && schemeEnd < 0)
            {
                schemeEnd = i + 1;
                break;
            }
        }

        if (schemeEnd < 0)
        {
            return null;
        }

        var scheme = head[..length];
        foreach (var candidate in s_scriptSchemes)
        {
            if (scheme.SequenceEqual(candidate))
            {
                return !requireCode || LooksLikeCode(value[schemeEnd..]) ? candidate[..^1] : null;
            }
        }

        if (!scheme.SequenceEqual("data:"))
        {
            return null;
        }

        // In an attribute anything but an inert type is suspect; as bare text, only a type that renders active content.
        var afterScheme = value[schemeEnd..];
        return (requireCode ? IsActiveData(afterScheme) : !IsInertData(afterScheme)) ? "data" : null;
    }

    private static bool IsActiveData(ReadOnlySpan<char> afterScheme)
    {
        var body = afterScheme.TrimStart();
        foreach (var type in s_activeDataTypes)
        {
            if (body.StartsWith(type, StringComparison.OrdinalIgnoreCase))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>Script has punctuation: calls, assignments, strings, blocks, statements.</summary>
    private static bool LooksLikeCode(ReadOnlySpan<char> body) => body.IndexOfAny("()=`'\"[]{};\\") >= 0;

    private static bool IsInertData(ReadOnlySpan<char> afterScheme)
    {
        var body = afterScheme.TrimStart();
        if (body.IsEmpty || body[0] == ',' || body[0] == ';')
        {
            // No media type means text/plain.
            return true;
        }

        foreach (var type in s_inertDataTypes)
        {
            if (body.StartsWith(type, StringComparison.OrdinalIgnoreCase))
            {
                return true;
            }
        }

        return false;
    }
}
