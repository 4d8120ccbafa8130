using System.Collections.Frozen;

namespace Rempart.SecLang.Transformations;

/// <summary>
/// The one table of transformations, by their SecLang name (case-insensitive, as ModSecurity reads them).
/// Every transformation ModSecurity v3 implements is here; a duplicate name fails when the table is built.
/// </summary>
public static class TransformationRegistry
{
    private static readonly FrozenDictionary<string, ITransformation> s_table = Build<ITransformation>(
    [
        ("none", NoneTransformation.Instance),
        ("base64Decode", new Base64DecodeTransformation()),
        ("base64DecodeExt", new Base64DecodeExtTransformation()),
        ("base64Encode", new Base64EncodeTransformation()),
        ("cmdLine", new CmdLineTransformation()),
        ("compressWhitespace", new CompressWhitespaceTransformation()),
        ("cssDecode", new CssDecodeTransformation()),
        ("escapeSeqDecode", new EscapeSeqDecodeTransformation()),
        ("hexDecode", new HexDecodeTransformation()),
        ("hexEncode", new HexEncodeTransformation()),
        ("htmlEntityDecode", new HtmlEntityDecodeTransformation()),
        ("jsDecode", new JsDecodeTransformation()),
        ("length", new LengthTransformation()),
        ("lowercase", new LowercaseTransformation()),
        ("md5", new Md5Transformation()),
        ("normalizePath", new NormalizePathTransformation()),
        ("normalisePath", new NormalizePathTransformation()),
        ("normalizePathWin", new NormalizePathWinTransformation()),
        ("normalisePathWin", new NormalizePathWinTransformation()),
        ("parityEven7bit", new ParityTransformation(ParityTransformation.Mode.Even)),
        ("parityOdd7bit", new ParityTransformation(ParityTransformation.Mode.Odd)),
        ("parityZero7bit", new ParityTransformation(ParityTransformation.Mode.Zero)),
        ("removeComments", new RemoveCommentsTransformation()),
        ("removeCommentsChar", new RemoveCommentsCharTransformation()),
        ("removeNulls", new RemoveNullsTransformation()),
        ("removeWhitespace", new RemoveWhitespaceTransformation()),
        ("replaceComments", new ReplaceCommentsTransformation()),
        ("replaceNulls", new ReplaceNullsTransformation()),
        ("sha1", new Sha1Transformation()),
        ("sqlHexDecode", new SqlHexDecodeTransformation()),
        ("trim", new TrimTransformation()),
        ("trimLeft", new TrimLeftTransformation()),
        ("trimRight", new TrimRightTransformation()),
        ("uppercase", new UppercaseTransformation()),
        ("urlDecode", new UrlDecodeTransformation()),
        ("urlDecodeUni", new UrlDecodeUniTransformation()),
        ("urlEncode", new UrlEncodeTransformation()),
        ("utf8toUnicode", new Utf8ToUnicodeTransformation()),
    ]);

    /// <summary>Every registered name.</summary>
    public static IEnumerable<string> Names => s_table.Keys;

    /// <summary>The transformation called <paramref name="name"/>, or null.</summary>
    public static ITransformation? Find(string name) => s_table.GetValueOrDefault(name);

    internal static FrozenDictionary<string, T> Build<T>(IEnumerable<(string Name, T Value)> entries)
    {
        var table = new Dictionary<string, T>(StringComparer.OrdinalIgnoreCase);
        foreach (var (name, value) in entries)
        {
            if (!table.TryAdd(name, value))
            {
                throw new InvalidOperationException($"duplicate SecLang name '{name}' in a registry table");
            }
        }

        return table.ToFrozenDictionary(StringComparer.OrdinalIgnoreCase);
    }
}
