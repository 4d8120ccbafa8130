using System.Security.Cryptography;

namespace Rempart.SecLang.Transformations;

/// <summary><c>t:sha1</c> — the raw 20-byte SHA-1 digest (combine with <c>t:hexEncode</c>).</summary>
internal sealed class Sha1Transformation : ITransformation
{
    public string Transform(string input) => Text.Latin1.FromBytes(SHA1.HashData(Text.Latin1.ToBytes(input)));
}
