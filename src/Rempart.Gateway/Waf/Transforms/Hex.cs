namespace Rempart.Gateway.Waf.Transforms;

internal static class Hex
{
    public static bool IsHex(char c) => char.IsAsciiHexDigit(c);

    public static int Value(char c) => c <= '9' ? c - '0' : (c | 0x20) - 'a' + 10;
}
