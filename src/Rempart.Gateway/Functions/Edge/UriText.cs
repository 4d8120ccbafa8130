using System.Text;

namespace Rempart.Gateway.Functions.Edge;

/// <summary>
/// Percent-encodes what a function wrote into a path or query value where HTTP does not allow it
/// (spaces, controls, non-ASCII, '#'), leaving existing %XX escapes and legal characters alone, so
/// that a function may write either encoded or plain text and the origin gets a valid target.
/// </summary>
internal static class UriText
{
    public static string EncodePath(string path) => Encode(path, "?#");

    public static string EncodeQuery(string part) => Encode(part, "#");

    private static string Encode(string text, string alsoEncode)
    {
        if (text.All(c => IsAllowed(c, alsoEncode)))
        {
            return text;
        }

        var sb = new StringBuilder(text.Length + 16);
        Span<byte> bytes = stackalloc byte[4];
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (IsAllowed(c, alsoEncode))
            {
                sb.Append(c);
                continue;
            }

            var length = char.IsHighSurrogate(c) && i + 1 < text.Length
                ? Encoding.UTF8.GetBytes(text.AsSpan(i++, 2), bytes)
                : Encoding.UTF8.GetBytes(text.AsSpan(i, 1), bytes);
            foreach (var b in bytes[..length])
            {
                sb.Append('%').Append(b.ToString("X2", System.Globalization.CultureInfo.InvariantCulture));
            }
        }

        return sb.ToString();
    }

    private static bool IsAllowed(char c, string alsoEncode) =>
        c is > ' ' and < (char)0x7F && "\"<>\\^`{|}".IndexOf(c) < 0 && alsoEncode.IndexOf(c) < 0;
}
