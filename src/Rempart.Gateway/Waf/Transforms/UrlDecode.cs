using System.Text;

namespace Rempart.Gateway.Waf.Transforms;

/// <summary>url_decode: %XX to bytes and + to space; malformed escapes stay as they are. url_decode_uni also reads %uXXXX.</summary>
public static class UrlDecode
{
    public static string Apply(string input) => Decode(input, unicode: false);

    public static string ApplyUni(string input) => Decode(input, unicode: true);

    private static string Decode(string input, bool unicode)
    {
        if (input.IndexOf('%') < 0 && input.IndexOf('+') < 0)
        {
            return input;
        }

        var bytes = new List<byte>(input.Length);
        var sb = new StringBuilder(input.Length);
        for (var i = 0; i < input.Length; i++)
        {
            var c = input[i];
            if (c == '%' && i + 2 < input.Length && Hex.IsHex(input[i + 1]) && Hex.IsHex(input[i + 2]))
            {
                bytes.Add((byte)(Hex.Value(input[i + 1]) << 4 | Hex.Value(input[i + 2])));
                i += 2;
                continue;
            }

            if (unicode && c == '%' && i + 5 < input.Length && (input[i + 1] is 'u' or 'U')
                && Hex.IsHex(input[i + 2]) && Hex.IsHex(input[i + 3]) && Hex.IsHex(input[i + 4]) && Hex.IsHex(input[i + 5]))
            {
                Flush(bytes, sb);
                var code = Hex.Value(input[i + 2]) << 12 | Hex.Value(input[i + 3]) << 8 | Hex.Value(input[i + 4]) << 4 | Hex.Value(input[i + 5]);
                // Full-width ASCII (U+FF01–U+FF5E) is what IIS maps to ASCII; attackers use it to hide.
                sb.Append(code is >= 0xFF01 and <= 0xFF5E ? (char)(code - 0xFEE0) : (char)code);
                i += 5;
                continue;
            }

            Flush(bytes, sb);
            sb.Append(c == '+' ? ' ' : c);
        }

        Flush(bytes, sb);
        return sb.ToString();
    }

    /// <summary>Bytes from escapes are UTF-8 when they form valid UTF-8, else Latin-1 (each byte one character).</summary>
    internal static void Flush(List<byte> bytes, StringBuilder sb)
    {
        if (bytes.Count == 0)
        {
            return;
        }

        var span = System.Runtime.InteropServices.CollectionsMarshal.AsSpan(bytes);
        sb.Append(System.Text.Unicode.Utf8.IsValid(span) ? Encoding.UTF8.GetString(span) : Encoding.Latin1.GetString(span));
        bytes.Clear();
    }
}
