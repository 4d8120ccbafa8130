namespace Rempart.SecLang.Transformations;

/// <summary><c>t:hexEncode</c> — each byte as two lower-case hex digits.</summary>
internal sealed class HexEncodeTransformation : ITransformation
{
    public string Transform(string input) => Convert.ToHexStringLower(Text.Latin1.ToBytes(input));
}
