using System.Buffers.Text;
using System.Text;

namespace Rempart.Gateway.Waf.Transforms;

/// <summary>
/// base64_decode: the whole value decoded (standard or URL-safe alphabet, padding optional); a
/// value that is not base64 stays as it is. base64_decode_ext first drops characters outside the
/// alphabet (white space, dots), as ModSecurity's base64DecodeExt does.
/// </summary>
public static class Base64Decode
{
    public static string Apply(string input) => TryDecode(input, out var text) ? text : input;

    public static string ApplyExt(string input)
    {
        var sb = new StringBuilder(input.Length);
        foreach (var c in input)
        {
            if (char.IsAsciiLetterOrDigit(c) || c is '+' or '/' or '-' or '_')
            {
                sb.Append(c);
            }
        }

        return TryDecode(sb.ToString(), out var text) ? text : input;
    }

    public static bool TryDecode(string input, out string text)
    {
        text = "";
        var s = input.Trim().TrimEnd('=').Replace('-', '+').Replace('_', '/');
        if (s.Length < 2 || s.Length % 4 == 1)
        {
            return false;
        }

        var padded = s.PadRight(s.Length + (4 - s.Length % 4) % 4, '=');
        var buffer = new byte[Base64.GetMaxDecodedFromUtf8Length(padded.Length)];
        if (!Convert.TryFromBase64String(padded, buffer, out var written))
        {
            return false;
        }

        text = System.Text.Unicode.Utf8.IsValid(buffer.AsSpan(0, written))
            ? Encoding.UTF8.GetString(buffer, 0, written)
            : Encoding.Latin1.GetString(buffer, 0, written);
        return true;
    }
}
