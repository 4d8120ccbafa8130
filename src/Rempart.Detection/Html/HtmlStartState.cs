namespace Rempart.Detection.Html;

/// <summary>
/// Where in a page the application may have reflected the input. The tokenizer starts in that
/// state, so an input that begins by closing an attribute value (<c>" onmouseover="x</c>) is read
/// the way the browser would read it.
/// </summary>
internal enum HtmlStartState
{
    /// <summary>Between tags: <c>&lt;p&gt;INPUT&lt;/p&gt;</c>.</summary>
    Data,

    /// <summary>Inside a start tag, where attributes go: <c>&lt;img src=x INPUT&gt;</c>.</summary>
    InTag,

    /// <summary>Inside an unquoted attribute value: <c>&lt;a title=INPUT&gt;</c>.</summary>
    ValueUnquoted,

    /// <summary>Inside a single-quoted attribute value: <c>&lt;a title='INPUT'&gt;</c>.</summary>
    ValueSingleQuoted,

    /// <summary>Inside a double-quoted attribute value: <c>&lt;a title="INPUT"&gt;</c>.</summary>
    ValueDoubleQuoted,

    /// <summary>Inside a back-quoted attribute value, which old Internet Explorer accepts.</summary>
    ValueBackQuoted,
}
