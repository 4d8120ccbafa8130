using System.Text;

namespace Rempart.SecLang.Text;

/// <summary>
/// The engine works on bytes, as ModSecurity does: every string value holds one byte per char
/// (chars 0–255). These helpers convert between that form and bytes or ordinary .NET text.
/// </summary>
public static class Latin1
{
    /// <summary>Bytes to the one-char-per-byte form.</summary>
    public static string FromBytes(ReadOnlySpan<byte> bytes) => Encoding.Latin1.GetString(bytes);

    /// <summary>The one-char-per-byte form back to bytes (chars above 255 keep their low byte).</summary>
    public static byte[] ToBytes(string value)
    {
        var bytes = new byte[value.Length];
        for (var i = 0; i < value.Length; i++)
        {
            bytes[i] = (byte)value[i];
        }

        return bytes;
    }

    /// <summary>Ordinary .NET text to the one-char-per-byte form of its UTF-8 encoding.</summary>
    public static string FromText(string text) => IsAscii(text) ? text : FromBytes(Encoding.UTF8.GetBytes(text));

    /// <summary>The one-char-per-byte form, read as UTF-8, back to ordinary .NET text.</summary>
    public static string ToText(string value) => IsAscii(value) ? value : Encoding.UTF8.GetString(ToBytes(value));

    private static bool IsAscii(string value) => System.Text.Ascii.IsValid(value);
}
