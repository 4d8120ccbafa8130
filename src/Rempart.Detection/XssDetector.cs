using System.Buffers;
using Rempart.Detection.Html;

namespace Rempart.Detection;

/// <summary>
/// Detects cross-site scripting: input that would run script if the application reflected it into
/// an HTML page, between tags or inside an attribute value (see docs/detection.md).
/// </summary>
/// <remarks>
/// Step 1: if the input as a whole is a script URL (<c>javascript:alert(1)</c>), it is XSS wherever a
/// URL attribute reflects it.
/// Step 2: for each place it may be reflected (between tags; inside a tag; inside a "", '', `` or
/// unquoted attribute value), tokenize it as a browser would, starting in that place.
/// Step 3: flag dangerous elements (script, iframe, object, svg, ...), event handlers with a value
/// (onerror=...), script URLs in any attribute value after entity decoding, CSS in style attributes
/// that runs script, loads a URL or is obfuscated, markup inside attribute values, srcdoc and
/// entity declarations (checked again, one level down), IE data binding and conditional comments,
/// XML processing instructions and DOCTYPE internal subsets.
/// Inputs longer than <see cref="MaxInputLength"/> characters are checked on their first
/// <see cref="MaxInputLength"/>; the work is linear in the length.
/// Thread-safe, never throws, allocates only the reason string of a positive verdict.
/// </remarks>
public static class XssDetector
{
    /// <summary>
    /// How many characters are examined (1 Mi); the rest of a longer input is ignored. The work is
    /// linear in the length; callers bound what they inspect before this.
    /// </summary>
    public const int MaxInputLength = 1024 * 1024;

    // srcdoc and entity declarations hold HTML of their own; one level of nesting is enough to see it.
    private const int MaxDepth = 2;

    private const int StackLimit = 512;

    /// <summary>Tells whether <paramref name="input"/> (already decoded by the caller) would run script if reflected.</summary>
    public static XssResult Detect(ReadOnlySpan<char> input)
    {
        if (input.Length > MaxInputLength)
        {
            input = input[..MaxInputLength];
        }

        return Detect(input, depth: 0);
    }

    private static XssResult Detect(ReadOnlySpan<char> input, int depth)
    {
        // Step 1: a script URL on its own, when it carries code (not "JavaScript: the basics"),
        // read as a browser reads an attribute value: with character references decoded.
        var scheme = FindBareScriptUrl(input);
        if (scheme is not null)
        {
            return new XssResult(true, "url-scheme:" + scheme);
        }

        // Step 2: each reflection point; a quoted context matters only if the input can close it.
        // Nested HTML (srcdoc, markup in a value) is a document of its own: it starts between tags,
        // which also keeps the work of nesting to one pass per level.
        ReadOnlySpan<HtmlStartState> starts = depth > 0
            ? [HtmlStartState.Data]
            :
            [
                HtmlStartState.Data, HtmlStartState.InTag, HtmlStartState.ValueDoubleQuoted,
                HtmlStartState.ValueSingleQuoted, HtmlStartState.ValueBackQuoted, HtmlStartState.ValueUnquoted,
            ];
        foreach (var start in starts)
        {
            var closer = start switch
            {
                HtmlStartState.ValueDoubleQuoted => '"',
                HtmlStartState.ValueSingleQuoted => '\'',
                HtmlStartState.ValueBackQuoted => '`',
                _ => '\0',
            };

            if (closer != '\0' && !input.Contains(closer))
            {
                continue;
            }

            var reason = Scan(input, start, depth);
            if (reason is not null)
            {
                return new XssResult(true, reason);
            }
        }

        return XssResult.Clean;
    }

    /// <summary>Step 3: walks the tokens from one start state and returns why they are dangerous, or null.</summary>
    private static string? Scan(ReadOnlySpan<char> input, HtmlStartState start, int depth)
    {
        var tokenizer = new HtmlTokenizer(input, start);
        Span<char> name = stackalloc char[XssRules.MaxNameLength];
        Span<char> element = stackalloc char[XssRules.MaxNameLength];
        var nameLength = -1;
        var nameStart = 0;
        var elementLength = 0;
        var first = true;

        while (tokenizer.Next(out var token))
        {
            var text = token.TextIn(input);
            switch (token.Type)
            {
                case HtmlTokenType.TagNameOpen:
                    nameLength = -1;
                    elementLength = Math.Max(XssRules.NormalizeName(text, element, dropNamespace: true), 0);
                    if (elementLength > 0 && XssRules.IsDangerousElement(element[..elementLength]))
                    {
                        return "tag:" + element[..elementLength].ToString();
                    }

                    break;

                case HtmlTokenType.TagData:
                    // The content of <style>: CSS that runs script, a style sheet of the attacker's
                    // (rule blocks restyle the page: overlays, attribute-selector exfiltration), or
                    // markup that a parser may read differently.
                    if (CssInspector.FindDanger(text) is { } cssReason)
                    {
                        return cssReason;
                    }

                    if (text.Contains('{'))
                    {
                        return "tag:style";
                    }

                    if (text.Contains('<') && depth < MaxDepth && Detect(text, depth + 1).IsXss)
                    {
                        return "tag:style";
                    }

                    break;

                case HtmlTokenType.AttributeName:
                    nameStart = token.Start;
                    nameLength = XssRules.NormalizeName(text, name, dropNamespace: false);
                    if (nameLength > 0 && XssRules.IsDangerousAttribute(name[..nameLength]))
                    {
                        return "attribute:" + name[..nameLength].ToString();
                    }

                    break;

                case HtmlTokenType.AttributeValue:
                    // The first value of an attribute-value start is the application's own: nothing to check.
                    if (!(first && start != HtmlStartState.Data))
                    {
                        // An embedding element with a configured attribute (src=, data=, href=, http-equiv=).
                        if (elementLength > 0 && XssRules.IsDangerousWithAttributes(element[..elementLength]))
                        {
                            return "tag:" + element[..elementLength].ToString();
                        }

                        // "on...=" cut off at the end counts when it stands apart, not when it ends a
                        // token such as base64 ("...Qo/onafe=").
                        var standsApart = nameStart == 0 || HtmlTokenizer.IsSpace(input[nameStart - 1]) || input[nameStart - 1] is '"' or '\'' or '`';
                        var reason = text.IsEmpty && token.Start == input.Length && !standsApart
                            ? null
                            : CheckAttribute(nameLength < 0 ? default : name[..nameLength], text, depth);
                        if (reason is not null)
                        {
                            return reason;
                        }
                    }

                    nameLength = -1;
                    break;

                case HtmlTokenType.TagComment:
                    var commentReason = CheckComment(text, depth);
                    if (commentReason is not null)
                    {
                        return commentReason;
                    }

                    break;

                case HtmlTokenType.Doctype:
                    // An internal subset can declare entities holding markup, or give every element
                    // default attributes (<!ATTLIST img onerror CDATA "...">).
                    if (text.Contains("<!ENTITY", StringComparison.OrdinalIgnoreCase) || text.Contains("<!ATTLIST", StringComparison.OrdinalIgnoreCase))
                    {
                        return "doctype:internal-subset";
                    }

                    break;

                default:
                    nameLength = -1;
                    elementLength = 0;
                    break;
            }

            first = false;
        }

        return null;
    }

    private static string? CheckAttribute(ReadOnlySpan<char> name, ReadOnlySpan<char> rawValue, int depth)
    {
        if (XssRules.IsEventHandler(XssRules.LocalName(name)))
        {
            return "attribute:" + name.ToString();
        }

        // Netscape 4 ran &{...}; as script anywhere in a value.
        if (rawValue.StartsWith("&{"))
        {
            return "attribute:script-entity";
        }

        char[]? rented = null;
        var buffer = rawValue.Length <= StackLimit
            ? stackalloc char[StackLimit]
            : (rented = ArrayPool<char>.Shared.Rent(rawValue.Length));
        try
        {
            var value = buffer[..HtmlEntityDecoder.Decode(rawValue, buffer)];

            var scheme = XssRules.FindScriptScheme(value, requireCode: false);
            if (scheme is not null)
            {
                return "url-scheme:" + scheme;
            }

            if (name.SequenceEqual("style"))
            {
                return CssInspector.FindAttributeDanger(value);
            }

            // SVG animation can turn any attribute into an event handler: <set attributeName="onload" to="...">.
            if (name.SequenceEqual("attributename") && IsEventHandlerValue(value))
            {
                return "attribute:attributename";
            }

            // Markup inside a value (srcdoc, or a value that another parser will cut differently):
            // check it as HTML of its own, one level down.
            if (value.Contains('<') && depth < MaxDepth)
            {
                var inner = Detect(value, depth + 1);
                return inner.IsXss ? (name.SequenceEqual("srcdoc") ? "attribute:srcdoc" : inner.Reason) : null;
            }

            return null;
        }
        finally
        {
            if (rented is not null)
            {
                ArrayPool<char>.Shared.Return(rented);
            }
        }
    }

    private static string? FindBareScriptUrl(ReadOnlySpan<char> input)
    {
        if (!input.Contains('&'))
        {
            return XssRules.FindScriptScheme(input, requireCode: true);
        }

        char[]? rented = null;
        var buffer = input.Length <= StackLimit ? stackalloc char[StackLimit] : (rented = ArrayPool<char>.Shared.Rent(input.Length));
        try
        {
            return XssRules.FindScriptScheme(buffer[..HtmlEntityDecoder.Decode(input, buffer)], requireCode: true);
        }
        finally
        {
            if (rented is not null)
            {
                ArrayPool<char>.Shared.Return(rented);
            }
        }
    }

    private static bool IsEventHandlerValue(ReadOnlySpan<char> value)
    {
        Span<char> normalized = stackalloc char[XssRules.MaxNameLength];
        var length = XssRules.NormalizeName(value.Trim(), normalized, dropNamespace: false);
        return length > 0 && XssRules.IsEventHandler(XssRules.LocalName(normalized[..length]));
    }

    private static string? CheckComment(ReadOnlySpan<char> body, int depth)
    {
        var trimmed = body.TrimStart();

        // Internet Explorer runs what its conditional comments hold: <!--[if IE]><script>...<![endif]-->.
        if (trimmed.StartsWith("[if", StringComparison.OrdinalIgnoreCase) || trimmed.StartsWith("[endif", StringComparison.OrdinalIgnoreCase))
        {
            return "comment:conditional";
        }

        // XML processing instructions that load code or behaviors: <?xml-stylesheet href=...?>,
        // <?import implementation=...>, <?xml:namespace ... ns="urn:schemas-microsoft-com:time">.
        if (trimmed.StartsWith("xml-stylesheet", StringComparison.OrdinalIgnoreCase) ||
            trimmed.StartsWith("xml:namespace", StringComparison.OrdinalIgnoreCase) ||
            trimmed.StartsWith("import", StringComparison.OrdinalIgnoreCase))
        {
            return "comment:processing-instruction";
        }

        // An entity declaration holds markup that is expanded where the entity is used.
        if (trimmed.StartsWith("ENTITY", StringComparison.OrdinalIgnoreCase) && depth < MaxDepth)
        {
            char[]? rented = null;
            var buffer = body.Length <= StackLimit ? stackalloc char[StackLimit] : (rented = ArrayPool<char>.Shared.Rent(body.Length));
            try
            {
                var decoded = buffer[..HtmlEntityDecoder.Decode(body, buffer)];
                return Detect(decoded, depth + 1).IsXss ? "comment:entity" : null;
            }
            finally
            {
                if (rented is not null)
                {
                    ArrayPool<char>.Shared.Return(rented);
                }
            }
        }

        return null;
    }
}
