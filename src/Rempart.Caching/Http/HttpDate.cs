using System.Globalization;

namespace Rempart.Caching.Http;

/// <summary>
/// HTTP-date (RFC 9110 §5.6.7): IMF-fixdate, the obsolete RFC 850 and asctime forms, read
/// leniently (case, a missing comma, repeated spaces, a 2-digit year) because origins send all of
/// them; anything without a month, day, year and time — "0", "-1", garbage — is invalid, which a
/// cache reads as "in the past" (RFC 9111 §5.3).
/// </summary>
public static class HttpDate
{
    private static readonly string[] Months = ["jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"];

    /// <summary>Formats as IMF-fixdate, e.g. "Sun, 06 Nov 1994 08:49:37 GMT".</summary>
    public static string Format(DateTimeOffset value) => value.ToUniversalTime().ToString("r", CultureInfo.InvariantCulture);

    public static bool TryParse(string? text, out DateTimeOffset value)
    {
        value = default;
        if (string.IsNullOrWhiteSpace(text) || text.Length > 64)
        {
            return false;
        }
        int day = -1, month = -1, year = -1, hour = -1, minute = -1, second = -1;
        var sawZone = false;
        foreach (var range in text.AsSpan().SplitAny(" ,-\t"))
        {
            var token = text.AsSpan()[range];
            if (token.IsEmpty)
            {
                continue;
            }
            if (token.Contains(':'))
            {
                if (hour >= 0 || !TryParseTime(token, out hour, out minute, out second))
                {
                    return false;
                }
            }
            else if (char.IsAsciiDigit(token[0]))
            {
                if (!int.TryParse(token, NumberStyles.None, CultureInfo.InvariantCulture, out var number))
                {
                    return false;
                }
                if (token.Length <= 2 && day < 0)
                {
                    day = number;
                }
                else if (year < 0 && (token.Length == 2 || token.Length == 4))
                {
                    year = token.Length == 2 ? (number < 70 ? 2000 + number : 1900 + number) : number;
                }
                else
                {
                    return false;
                }
            }
            else if (char.IsAsciiLetter(token[0]))
            {
                var monthIndex = MonthIndex(token);
                if (monthIndex >= 0 && month < 0)
                {
                    month = monthIndex + 1;
                }
                else if (IsZone(token))
                {
                    sawZone = true;
                }
                else if (!IsWeekday(token) || month >= 0)
                {
                    return false;
                }
            }
            else
            {
                return false;
            }
        }
        _ = sawZone; // asctime has no zone; every form is UTC.
        if (day < 1 || month < 1 || year < 1 || hour < 0 || day > DateTime.DaysInMonth(Math.Clamp(year, 1, 9999), month))
        {
            return false;
        }
        if (year > 9999)
        {
            return false;
        }
        value = new DateTimeOffset(year, month, day, hour, minute, second, TimeSpan.Zero);
        return true;
    }

    private static bool TryParseTime(ReadOnlySpan<char> token, out int hour, out int minute, out int second)
    {
        hour = minute = second = -1;
        Span<Range> parts = stackalloc Range[4];
        if (token.Split(parts, ':') != 3)
        {
            return false;
        }
        var ok = int.TryParse(token[parts[0]], NumberStyles.None, CultureInfo.InvariantCulture, out hour) && hour < 24
            && token[parts[1]].Length == 2 && int.TryParse(token[parts[1]], NumberStyles.None, CultureInfo.InvariantCulture, out minute) && minute < 60
            && token[parts[2]].Length == 2 && int.TryParse(token[parts[2]], NumberStyles.None, CultureInfo.InvariantCulture, out second) && second <= 60;
        second = Math.Min(second, 59); // a leap second reads as :59
        return ok;
    }

    private static int MonthIndex(ReadOnlySpan<char> token)
    {
        if (token.Length < 3)
        {
            return -1;
        }
        for (var i = 0; i < Months.Length; i++)
        {
            if (token.Length == 3 && token.Equals(Months[i], StringComparison.OrdinalIgnoreCase))
            {
                return i;
            }
        }
        return -1;
    }

    private static bool IsZone(ReadOnlySpan<char> token) =>
        token.Equals("GMT", StringComparison.OrdinalIgnoreCase) || token.Equals("UTC", StringComparison.OrdinalIgnoreCase)
        || token.Equals("UT", StringComparison.OrdinalIgnoreCase) || token.Equals("Z", StringComparison.OrdinalIgnoreCase);

    private static bool IsWeekday(ReadOnlySpan<char> token)
    {
        ReadOnlySpan<string> days = ["mon", "tue", "wed", "thu", "fri", "sat", "sun"];
        foreach (var d in days)
        {
            if (token.StartsWith(d, StringComparison.OrdinalIgnoreCase))
            {
                return true;
            }
        }
        return false;
    }
}
