namespace Rempart.SecLang.Transformations;

/// <summary><c>t:base64Encode</c> — encodes the bytes as Base64.</summary>
internal sealed class Base64EncodeTransformation : ITransformation
{
    public string Transform(string input) => Convert.ToBase64String(Text.Latin1.ToBytes(input));
}
