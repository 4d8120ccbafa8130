namespace Rempart.SecLang.Operators;

/// <summary>C <c>atoi</c>: leading white space, a sign, then digits; anything else ends the number; no digits is 0.</summary>
internal static class NumericComparison
{
    public static long Parse(ReadOnlySpan<char> text)
    {
        var i = 0;
        while (i < text.Length && (text[i] == ' ' || (text[i] >= '\t' && text[i] <= '\r')))
        {
            i++;
        }

        var negative = false;
        if (i < text.Length && (text[i] == '-' || text[i] == '+'))
        {
            negative = text[i] == '-';
            i++;
        }

        long value = 0;
        while (i < text.Length && char.IsAsciiDigit(text[i]) && value < long.MaxValue / 20)
        {
            value = (value * 10) + (text[i] - '0');
            i++;
        }

        return negative ? -value : value;
    }
}
