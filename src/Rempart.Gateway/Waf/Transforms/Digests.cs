using System.Security.Cryptography;
using System.Text;

namespace Rempart.Gateway.Waf.Transforms;

/// <summary>md5 and sha256 of the UTF-8 value, as lowercase hex (to compare with known-bad digests).</summary>
public static class Digests
{
    public static string Md5(string input) => Convert.ToHexStringLower(MD5.HashData(Encoding.UTF8.GetBytes(input)));

    public static string Sha256(string input) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(input)));
}
