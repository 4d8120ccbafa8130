namespace Rempart.SecLang.Transformations;

/// <summary>Byte-level helpers shared by the transformations (C-locale semantics, as ModSecurity).</summary>
internal static class TransformationHelpers
{
    public static bool IsHex(char c) => c is >= '0' and <= '9' or >= 'a' and <= 'f' or >= 'A' and <= 'F';

    public static int HexValue(char c) => c <= '9' ? c - '0' : (c | 0x20) - 'a' + 10;

    public static char HexPair(char high, char low) => (char)((HexValue(high) << 4) | HexValue(low));

    /// <summary>C <c>isspace</c>: space, \t, \n, \v, \f, \r.</summary>
    public static bool IsSpace(char c) => c == ' ' || (c >= '\t' && c <= '\r');

    public static bool IsOctal(char c) => c is >= '0' and <= '7';

    /// <summary>
    /// The byte ModSecurity keeps from a %uHHHH / \uHHHH escape when no unicode map applies: the low
    /// byte, plus 0x20 for full-width ASCII (U+FF01–U+FF5E).
    /// </summary>
    public static char UnicodeLowByte(string input, int hexStart)
    {
        var c = HexPair(input[hexStart + 2], input[hexStart + 3]);
        if (c > 0 && c < 0x5f && (input[hexStart] | 0x20) == 'f' && (input[hexStart + 1] | 0x20) == 'f')
        {
            c = (char)(c + 0x20);
        }

        return c;
    }

    public static bool AreHex(string input, int start, int count)
    {
        if (start + count > input.Length)
        {
            return false;
        }

        for (var i = start; i < start + count; i++)
        {
            if (!IsHex(input[i]))
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>
    /// Runs a transformation whose output is never longer than its input in a pooled buffer: <paramref name="write"/>
    /// fills it and returns the output length. The result is <paramref name="input"/> itself when nothing changed
    /// (no allocation at all), else one string — instead of a StringBuilder's buffer plus its copy on every value.
    /// </summary>
    public static string Shrinking(string input, Func<string, Span<char>, int> write)
    {
        var buffer = System.Buffers.ArrayPool<char>.Shared.Rent(Math.Max(input.Length, 1));
        try
        {
            var output = buffer.AsSpan(0, write(input, buffer));
            return output.SequenceEqual(input) ? input : new string(output);
        }
        finally
        {
            System.Buffers.ArrayPool<char>.Shared.Return(buffer);
        }
    }

    /// <summary>Returns <paramref name="input"/> itself when <paramref name="output"/> equals it, so callers can tell "unchanged".</summary>
    public static string Same(string input, ReadOnlySpan<char> output) =>
        output.SequenceEqual(input) ? input : output.ToString();
}
