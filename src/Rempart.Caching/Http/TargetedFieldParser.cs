using System.Globalization;

namespace Rempart.Caching.Http;

/// <summary>
/// Reads a targeted cache-control field (RFC 9213), e.g. <c>CDN-Cache-Control</c>: a Structured
/// Field Dictionary (RFC 8941 §3.2) whose keys are cache directives. A value that is not a valid
/// dictionary — uppercase keys, stray characters, an unterminated string — is ignored as a whole,
/// so that the cache falls back to <c>Cache-Control</c> as RFC 9213 §2.2 requires.
/// </summary>
public static class TargetedFieldParser
{
    public static bool TryParse(IReadOnlyList<string> lines, out CacheDirectives directives)
    {
        directives = CacheDirectives.Empty;
        if (lines.Count == 0)
        {
            return false;
        }
        var text = lines.Count == 1 ? lines[0] : string.Join(",", lines);
        if (text.Length > CacheControlParser.MaxLength)
        {
            return false;
        }
        var members = new List<(string Key, object Value)>();
        var reader = new Reader(text);
        reader.SkipSp();
        if (reader.AtEnd)
        {
            return false; // empty: not a usable value
        }
        while (true)
        {
            if (!reader.TryKey(out var key))
            {
                return false;
            }
            object value = true;
            if (reader.Peek == '=')
            {
                reader.Advance();
                if (reader.Peek == '(')
                {
                    if (!reader.TryInnerList())
                    {
                        return false;
                    }
                    value = "(list)";
                }
                else if (!reader.TryBareItem(out value))
                {
                    return false;
                }
            }
            if (!reader.TryParameters())
            {
                return false;
            }
            members.Add((key, value));
            reader.SkipOws();
            if (reader.AtEnd)
            {
                break;
            }
            if (reader.Peek != ',')
            {
                return false;
            }
            reader.Advance();
            reader.SkipOws();
            if (reader.AtEnd)
            {
                return false; // trailing comma
            }
        }
        directives = ToDirectives(members);
        return true;
    }

    private static CacheDirectives ToDirectives(List<(string Key, object Value)> members)
    {
        var d = new CacheDirectives { IsEmpty = false };
        // RFC 8941: a repeated key overwrites the earlier one, so the last occurrence wins here.
        foreach (var (key, value) in members)
        {
            var on = value is not false;
            switch (key)
            {
                case "max-age": d.MaxAge = Seconds(value); break;
                case "s-maxage": d.SharedMaxAge = Seconds(value); break;
                case "stale-while-revalidate": d.StaleWhileRevalidate = Seconds(value); break;
                case "stale-if-error": d.StaleIfError = Seconds(value); break;
                case "no-store": d.NoStore = on; break;
                case "no-cache": d.NoCache = on; break;
                case "private": d.Private = on; break;
                case "public": d.Public = on; break;
                case "must-revalidate": d.MustRevalidate = on; break;
                case "proxy-revalidate": d.ProxyRevalidate = on; break;
                case "must-understand": d.MustUnderstand = on; break;
                case "immutable": d.Immutable = on; break;
            }
        }
        return d;
    }

    private static long Seconds(object value) => value is long n && n >= 0 ? Math.Min(n, CacheDirectives.MaxDeltaSeconds) : 0;

    private ref struct Reader(string text)
    {
        private readonly string _s = text;
        private int _i;

        public readonly bool AtEnd => _i >= _s.Length;

        public readonly char Peek => _i < _s.Length ? _s[_i] : '\0';

        public void Advance() => _i++;

        public void SkipSp()
        {
            while (_i < _s.Length && _s[_i] == ' ')
            {
                _i++;
            }
        }

        public void SkipOws()
        {
            while (_i < _s.Length && (_s[_i] == ' ' || _s[_i] == '\t'))
            {
                _i++;
            }
        }

        public bool TryKey(out string key)
        {
            key = "";
            var start = _i;
            if (AtEnd || !(char.IsAsciiLetterLower(Peek) || Peek == '*'))
            {
                return false;
            }
            _i++;
            while (!AtEnd && (char.IsAsciiLetterLower(Peek) || char.IsAsciiDigit(Peek) || Peek is '_' or '-' or '.' or '*'))
            {
                _i++;
            }
            key = _s[start.._i];
            return true;
        }

        public bool TryParameters()
        {
            while (Peek == ';')
            {
                _i++;
                SkipSp();
                if (!TryKey(out _))
                {
                    return false;
                }
                if (Peek == '=')
                {
                    _i++;
                    if (!TryBareItem(out _))
                    {
                        return false;
                    }
                }
            }
            return true;
        }

        public bool TryInnerList()
        {
            _i++; // '('
            while (true)
            {
                SkipSp();
                if (Peek == ')')
                {
                    _i++;
                    return true;
                }
                if (AtEnd || !TryBareItem(out _) || !TryParameters())
                {
                    return false;
                }
                if (Peek != ' ' && Peek != ')')
                {
                    return false;
                }
            }
        }

        public bool TryBareItem(out object value)
        {
            value = false;
            if (AtEnd)
            {
                return false;
            }
            var c = Peek;
            if (c == '-' || char.IsAsciiDigit(c))
            {
                return TryNumber(out value);
            }
            if (c == '"')
            {
                _i++;
                while (!AtEnd)
                {
                    var ch = _s[_i++];
                    if (ch == '\\')
                    {
                        if (AtEnd || (_s[_i] != '"' && _s[_i] != '\\'))
                        {
                            return false;
                        }
                        _i++;
                    }
                    else if (ch == '"')
                    {
                        value = "string";
                        return true;
                    }
                    else if (ch < 0x20 || ch > 0x7e)
                    {
                        return false;
                    }
                }
                return false;
            }
            if (char.IsAsciiLetter(c) || c == '*')
            {
                var start = _i++;
                while (!AtEnd && (CacheControlParser.IsTchar(Peek) || Peek is ':' or '/'))
                {
                    _i++;
                }
                value = _s[start.._i];
                return true;
            }
            if (c == ':')
            {
                _i++;
                while (!AtEnd && (char.IsAsciiLetterOrDigit(Peek) || Peek is '+' or '/' or '='))
                {
                    _i++;
                }
                if (Peek != ':')
                {
                    return false;
                }
                _i++;
                value = "binary";
                return true;
            }
            if (c == '?')
            {
                _i++;
                if (Peek is '0' or '1')
                {
                    value = Peek == '1';
                    _i++;
                    return true;
                }
                return false;
            }
            return false;
        }

        private bool TryNumber(out object value)
        {
            value = 0L;
            var start = _i;
            if (Peek == '-')
            {
                _i++;
            }
            var digitsStart = _i;
            while (!AtEnd && char.IsAsciiDigit(Peek))
            {
                _i++;
            }
            var intDigits = _i - digitsStart;
            if (intDigits == 0)
            {
                return false;
            }
            if (Peek == '.')
            {
                _i++;
                var fracStart = _i;
                while (!AtEnd && char.IsAsciiDigit(Peek))
                {
                    _i++;
                }
                var frac = _i - fracStart;
                if (intDigits > 12 || frac is 0 or > 3)
                {
                    return false;
                }
                value = -1L; // a decimal is never valid delta-seconds: read as stale
                return true;
            }
            if (intDigits > 15)
            {
                return false;
            }
            value = long.Parse(_s.AsSpan(start, _i - start), NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture);
            return true;
        }
    }
}
