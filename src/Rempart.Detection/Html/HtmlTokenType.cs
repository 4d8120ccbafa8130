namespace Rempart.Detection.Html;

/// <summary>
/// The kind of an HTML token. The names follow the HTML5 tokenizer's states, and the shared test
/// data prints them in upper case (TAG_NAME_OPEN for <see cref="TagNameOpen"/>, and so on).
/// </summary>
internal enum HtmlTokenType
{
    /// <summary>Text between tags.</summary>
    DataText,

    /// <summary>The name of a start tag: <c>script</c> in <c>&lt;script src=x&gt;</c>.</summary>
    TagNameOpen,

    /// <summary>The <c>&gt;</c> that ends a start tag.</summary>
    TagNameClose,

    /// <summary>The <c>/&gt;</c> that ends a self-closing start tag.</summary>
    TagNameSelfClose,

    /// <summary>The content of a raw-text element (the CSS inside <c>&lt;style&gt;</c>).</summary>
    TagData,

    /// <summary>The name of an end tag: <c>script</c> in <c>&lt;/script&gt;</c>.</summary>
    TagClose,

    /// <summary>An attribute name.</summary>
    AttributeName,

    /// <summary>An attribute value, without its quotes and not yet entity-decoded.</summary>
    AttributeValue,

    /// <summary>A comment, a bogus comment (<c>&lt;!x&gt;</c>, <c>&lt;?x&gt;</c>, <c>&lt;/ x&gt;</c>) or an IE <c>&lt;% %&gt;</c> block.</summary>
    TagComment,

    /// <summary>A <c>&lt;!DOCTYPE ...&gt;</c> declaration.</summary>
    Doctype,
}
