using System.Security.Cryptography;

namespace Rempart.SecLang.Transformations;

/// <summary><c>t:md5</c> — the raw 16-byte MD5 digest (combine with <c>t:hexEncode</c>).</summary>
internal sealed class Md5Transformation : ITransformation
{
    public string Transform(string input) => Text.Latin1.FromBytes(MD5.HashData(Text.Latin1.ToBytes(input)));
}
