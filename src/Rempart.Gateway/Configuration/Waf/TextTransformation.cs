namespace Rempart.Gateway.Configuration.Waf;

/// <summary>
/// Text transformations applied, in the order listed, before a statement matches (AWS WAF's list,
/// in snake_case, plus Rempart's <c>decode_all</c>). See docs/waf.md for each one's exact effect.
/// </summary>
public enum TextTransformation
{
    None,
    UrlDecode,
    UrlDecodeUni,
    HtmlEntityDecode,
    JsDecode,
    CssDecode,
    EscapeSeqDecode,
    Base64Decode,
    Base64DecodeExt,
    HexDecode,
    SqlHexDecode,
    CmdLine,
    CompressWhiteSpace,
    RemoveWhiteSpace,
    Lowercase,
    Uppercase,
    NormalizePath,
    NormalizePathWin,
    RemoveNulls,
    ReplaceNulls,
    ReplaceComments,
    RemoveComments,
    Trim,
    Utf8ToUnicode,
    Md5,
    Sha256,

    /// <summary>Rempart: repeatedly URL-, HTML-entity-, JS-escape- and base64-decode until nothing changes (bounded).</summary>
    DecodeAll,
}
