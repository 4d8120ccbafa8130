using System.Globalization;

namespace Rempart.Gateway.Configuration;

/// <summary>
/// Parses durations as operators write them: <c>250ms</c>, <c>30s</c>, <c>5m</c>, <c>4h</c>, <c>7d</c>,
/// and combinations such as <c>1h30m</c>. A bare number is refused: the unit is never guessed.
/// </summary>
public static class Duration
{
    public static bool TryParse(string text, out TimeSpan value)
    {
        value = TimeSpan.Zero;
        var s = text.Trim();
        if (s.Length == 0)
        {
            return false;
        }

        var total = 0.0;
        var i = 0;
        while (i < s.Length)
        {
            var start = i;
            while (i < s.Length && (char.IsAsciiDigit(s[i]) || s[i] == '.'))
            {
                i++;
            }

            if (start == i || !double.TryParse(s.AsSpan(start, i - start), NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var n))
            {
                return false;
            }

            var unitStart = i;
            while (i < s.Length && char.IsAsciiLetter(s[i]))
            {
                i++;
            }

            double? ms = s[unitStart..i] switch
            {
                "ms" => 1,
                "s" => 1000,
                "m" => 60_000,
                "h" => 3_600_000,
                "d" => 86_400_000,
                _ => null,
            };
            if (ms is null)
            {
                return false;
            }

            total += n * ms.Value;
        }

        if (total > TimeSpan.MaxValue.TotalMilliseconds)
        {
            return false;
        }

        value = TimeSpan.FromMilliseconds(total);
        return true;
    }

    public static string Format(TimeSpan value)
    {
        if (value.TotalMilliseconds < 1000 || value.Milliseconds != 0)
        {
            return ((long)value.TotalMilliseconds).ToString(CultureInfo.InvariantCulture) + "ms";
        }

        if (value.TotalSeconds % 86400 == 0) return ((long)value.TotalDays).ToString(CultureInfo.InvariantCulture) + "d";
        if (value.TotalSeconds % 3600 == 0) return ((long)value.TotalHours).ToString(CultureInfo.InvariantCulture) + "h";
        if (value.TotalSeconds % 60 == 0) return ((long)value.TotalMinutes).ToString(CultureInfo.InvariantCulture) + "m";
        return ((long)value.TotalSeconds).ToString(CultureInfo.InvariantCulture) + "s";
    }
}
