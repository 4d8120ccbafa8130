using System.Collections.Frozen;
using Rempart.Gateway.Configuration.Waf;

namespace Rempart.Gateway.Waf.Transforms;

/// <summary>The one table from transformation names to their functions. Every value of <see cref="TextTransformation"/> has an entry (checked at start).</summary>
public static class TextTransformRegistry
{
    public static readonly FrozenDictionary<TextTransformation, Func<string, string>> Table = new Dictionary<TextTransformation, Func<string, string>>
    {
        [TextTransformation.None] = s => s,
        [TextTransformation.UrlDecode] = UrlDecode.Apply,
        [TextTransformation.UrlDecodeUni] = UrlDecode.ApplyUni,
        [TextTransformation.HtmlEntityDecode] = HtmlEntityDecode.Apply,
        [TextTransformation.JsDecode] = JsDecode.Apply,
        [TextTransformation.CssDecode] = CssDecode.Apply,
        [TextTransformation.EscapeSeqDecode] = EscapeSeqDecode.Apply,
        [TextTransformation.Base64Decode] = Base64Decode.Apply,
        [TextTransformation.Base64DecodeExt] = Base64Decode.ApplyExt,
        [TextTransformation.HexDecode] = HexDecode.Apply,
        [TextTransformation.SqlHexDecode] = HexDecode.ApplySql,
        [TextTransformation.CmdLine] = CmdLine.Apply,
        [TextTransformation.CompressWhiteSpace] = WhiteSpace.Compress,
        [TextTransformation.RemoveWhiteSpace] = WhiteSpace.Remove,
        [TextTransformation.Lowercase] = s => s.ToLowerInvariant(),
        [TextTransformation.Uppercase] = s => s.ToUpperInvariant(),
        [TextTransformation.NormalizePath] = NormalizePath.Apply,
        [TextTransformation.NormalizePathWin] = NormalizePath.ApplyWin,
        [TextTransformation.RemoveNulls] = Nulls.Remove,
        [TextTransformation.ReplaceNulls] = Nulls.Replace,
        [TextTransformation.ReplaceComments] = Comments.Replace,
        [TextTransformation.RemoveComments] = Comments.Remove,
        [TextTransformation.Trim] = s => s.Trim(),
        [TextTransformation.Utf8ToUnicode] = Utf8ToUnicode.Apply,
        [TextTransformation.Md5] = Digests.Md5,
        [TextTransformation.Sha256] = Digests.Sha256,
        [TextTransformation.DecodeAll] = DecodeAll.Apply,
    }.ToFrozenDictionary();

    static TextTransformRegistry()
    {
        var missing = Enum.GetValues<TextTransformation>().Where(t => !Table.ContainsKey(t)).ToList();
        if (missing.Count > 0)
        {
            throw new InvalidOperationException("Transformations without an implementation: " + string.Join(", ", missing));
        }
    }
}
