using System.Text;

namespace Rempart.SecLang.Transformations;

/// <summary>The Base64 alphabet and a decoder that tolerates a missing tail.</summary>
internal static class Base64Alphabet
{
    public static int Value(char c) => c switch
    {
        >= 'A' and <= 'Z' => c - 'A',
        >= 'a' and <= 'z' => c - 'a' + 26,
        >= '0' and <= '9' => c - '0' + 52,
        '+' or '-' => 62,
        '/' or '_' => 63,
        _ => -1,
    };

    /// <summary>Decodes characters that are all in the alphabet; a trailing partial group yields what it can.</summary>
    public static string Decode(ReadOnlySpan<char> chars)
    {
        var sb = new StringBuilder((chars.Length * 3 / 4) + 1);
        var buffer = 0;
        var bits = 0;
        foreach (var c in chars)
        {
            buffer = (buffer << 6) | Value(c);
            bits += 6;
            if (bits >= 8)
            {
                bits -= 8;
                sb.Append((char)((buffer >> bits) & 0xff));
            }
        }

        return sb.ToString();
    }
}
