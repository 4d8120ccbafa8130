using System.Text;

namespace Rempart.Gateway.Waf.Transforms;

/// <summary>hex_decode: pairs of hex digits to bytes (a value that is not all hex stays as it is). sql_hex_decode: 0xHHHH… runs inside text to bytes.</summary>
public static class HexDecode
{
    public static string Apply(string input)
    {
        if (input.Length < 2 || input.Length % 2 != 0 || !input.All(char.IsAsciiHexDigit))
        {
            return input;
        }

        return Encoding.Latin1.GetString(Convert.FromHexString(input));
    }

    public static string ApplySql(string input)
    {
        var index = input.IndexOf("0x", StringComparison.OrdinalIgnoreCase);
        if (index < 0)
        {
            return input;
        }

        var sb = new StringBuilder(input.Length);
        var i = 0;
        while (i < input.Length)
        {
            if (i + 3 < input.Length && input[i] == '0' && input[i + 1] is 'x' or 'X' && char.IsAsciiHexDigit(input[i + 2]) && char.IsAsciiHexDigit(input[i + 3]))
            {
                var j = i + 2;
                while (j + 1 < input.Length && char.IsAsciiHexDigit(input[j]) && char.IsAsciiHexDigit(input[j + 1]))
                {
                    sb.Append((char)(Hex.Value(input[j]) << 4 | Hex.Value(input[j + 1])));
                    j += 2;
                }

                i = j;
                continue;
            }

            sb.Append(input[i++]);
        }

        return sb.ToString();
    }
}
