using System.Globalization;

namespace Rempart.Caching.Http;

/// <summary>
/// Reads <c>Cache-Control</c> (RFC 9111 §5.2): <c>#( token [ "=" ( token / quoted-string ) ] )</c> over
/// every field line. Tolerant where the RFC asks recipients to be (quoted values of numeric
/// directives, unknown extensions, case) and strict where leniency would be unsafe: a directive
/// name inside a quoted string is data, <c>max-age ='1'</c> is no <c>max-age</c>, and a value that is
/// not a non-negative integer makes the message stale rather than fresh.
/// </summary>
public static class CacheControlParser
{
    /// <summary>Longest field value read; anything longer is truncated at this length (bad input, never a crash).</summary>
    public const int MaxLength = 16 * 1024;

    public static CacheDirectives Parse(IReadOnlyList<string> lines)
    {
        if (lines.Count == 0)
        {
            return CacheDirectives.Empty;
        }
        var result = new CacheDirectives();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var line in lines)
        {
            ParseLine(line.Length > MaxLength ? line[..MaxLength] : line, result, seen);
        }
        return result;
    }

    public static CacheDirectives Parse(string? value) => value is null ? CacheDirectives.Empty : Parse([value]);

    private static void ParseLine(string s, CacheDirectives result, HashSet<string> seen)
    {
        var i = 0;
        while (i < s.Length)
        {
            while (i < s.Length && (s[i] == ',' || s[i] == ' ' || s[i] == '\t'))
            {
                i++;
            }
            var nameStart = i;
            while (i < s.Length && IsTchar(s[i]))
            {
                i++;
            }
            if (i == nameStart)
            {
                SkipToComma(s, ref i);
                continue;
            }
            var name = s[nameStart..i].ToLowerInvariant();
            string? value = null;
            var valid = true;
            if (i < s.Length && s[i] == '=')
            {
                i++;
                if (i < s.Length && s[i] == '"')
                {
                    value = ReadQuoted(s, ref i, out valid);
                }
                else
                {
                    var valueStart = i;
                    while (i < s.Length && IsTchar(s[i]))
                    {
                        i++;
                    }
                    value = s[valueStart..i];
                }
            }
            // Anything but OWS before the next comma makes this member malformed.
            while (i < s.Length && (s[i] == ' ' || s[i] == '\t'))
            {
                i++;
            }
            if (i < s.Length && s[i] != ',')
            {
                valid = false;
                SkipToComma(s, ref i);
            }
            if (!seen.Add(name))
            {
                continue; // the first occurrence wins
            }
            Apply(result, name, value, valid);
        }
    }

    private static void Apply(CacheDirectives d, string name, string? value, bool valid)
    {
        d.IsEmpty = false;
        switch (name)
        {
            case "max-age": d.MaxAge = Delta(value, valid); break;
            case "s-maxage": d.SharedMaxAge = Delta(value, valid); break;
            case "no-store": d.NoStore = true; break;
            case "no-cache":
                if (value is { Length: > 0 } && valid)
                {
                    d.NoCacheFields = FieldNames(value);
                }
                else
                {
                    d.NoCache = true;
                }
                break;
            case "private":
                if (value is { Length: > 0 } && valid)
                {
                    d.PrivateFields = FieldNames(value);
                }
                else
                {
                    d.Private = true;
                }
                break;
            case "public": d.Public = true; break;
            case "must-revalidate": d.MustRevalidate = true; break;
            case "proxy-revalidate": d.ProxyRevalidate = true; break;
            case "must-understand": d.MustUnderstand = true; break;
            case "immutable": d.Immutable = true; break;
            case "stale-while-revalidate": d.StaleWhileRevalidate = Delta(value, valid); break;
            case "stale-if-error": d.StaleIfError = Delta(value, valid); break;
            case "max-stale":
                if (value is null)
                {
                    d.MaxStaleAny = true;
                }
                else
                {
                    d.MaxStale = Delta(value, valid);
                }
                break;
            case "min-fresh": d.MinFresh = Delta(value, valid); break;
            case "only-if-cached": d.OnlyIfCached = true; break;
        }
    }

    /// <summary>
    /// delta-seconds read from leading digits ("3600.5" → 3600, "003600" → 3600); no digit first
    /// ("-1", "'1'", "a1", nothing) → 0, i.e. stale. Overflow clamps to 2^31.
    /// </summary>
    internal static long Delta(string? value, bool valid)
    {
        if (!valid || string.IsNullOrEmpty(value) || !char.IsAsciiDigit(value[0]))
        {
            return 0;
        }
        var end = 0;
        while (end < value.Length && char.IsAsciiDigit(value[end]))
        {
            end++;
        }
        return ParseDigits(value.AsSpan(0, end));
    }

    /// <summary>A run of ASCII digits as delta-seconds, clamped to 2^31.</summary>
    internal static long ParseDigits(ReadOnlySpan<char> digits)
    {
        var trimmed = digits.TrimStart('0');
        if (trimmed.Length > 10)
        {
            return CacheDirectives.MaxDeltaSeconds;
        }
        if (trimmed.IsEmpty)
        {
            return 0;
        }
        var number = long.Parse(trimmed, NumberStyles.None, CultureInfo.InvariantCulture);
        return Math.Min(number, CacheDirectives.MaxDeltaSeconds);
    }

    private static string ReadQuoted(string s, ref int i, out bool valid)
    {
        var sb = new System.Text.StringBuilder();
        i++; // opening quote
        while (i < s.Length)
        {
            var c = s[i++];
            if (c == '"')
            {
                valid = true;
                return sb.ToString();
            }
            if (c == '\\' && i < s.Length)
            {
                c = s[i++];
            }
            sb.Append(c);
        }
        valid = false; // unterminated
        return sb.ToString();
    }

    private static void SkipToComma(string s, ref int i)
    {
        var quoted = false;
        while (i < s.Length)
        {
            var c = s[i];
            if (c == '"')
            {
                quoted = !quoted;
            }
            else if (c == '\\' && quoted)
            {
                i++;
            }
            else if (c == ',' && !quoted)
            {
                return;
            }
            i++;
        }
    }

    private static string[] FieldNames(string value) =>
        value.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries);

    internal static bool IsTchar(char c) =>
        char.IsAsciiLetterOrDigit(c) || c is '!' or '#' or '$' or '%' or '&' or '\'' or '*' or '+' or '-' or '.' or '^' or '_' or '`' or '|' or '~';
}
