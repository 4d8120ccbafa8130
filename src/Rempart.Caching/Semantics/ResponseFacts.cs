using Rempart.Caching.Http;

namespace Rempart.Caching.Semantics;

/// <summary>
/// Everything the engine reads from a response's header fields, parsed once (when the entry is
/// built, or when a 304 updates it) so that a hit does only arithmetic.
/// </summary>
public sealed class ResponseFacts
{
    private ResponseFacts(CacheDirectives directives, bool fromTargetedField)
    {
        Directives = directives;
        FromTargetedField = fromTargetedField;
    }

    /// <summary>The directives that govern caching: the first valid targeted field's (RFC 9213), else <c>Cache-Control</c>'s.</summary>
    public CacheDirectives Directives { get; }

    public bool FromTargetedField { get; }

    public DateTimeOffset? Date { get; private init; }

    /// <summary>The origin's <c>Age</c> in seconds; 0 when absent.</summary>
    public long AgeValue { get; private init; }

    /// <summary>True when <c>Age</c> is present but not exactly one delta-seconds: the response is treated as stale.</summary>
    public bool AgeInvalid { get; private init; }

    /// <summary>True when <c>Expires</c> counts (present and no targeted field in force).</summary>
    public bool HasExpires { get; private init; }

    /// <summary>The parsed <c>Expires</c>; null with <see cref="HasExpires"/> means invalid, i.e. already expired.</summary>
    public DateTimeOffset? Expires { get; private init; }

    public DateTimeOffset? LastModified { get; private init; }

    public string? LastModifiedRaw { get; private init; }

    public string? ETag { get; private init; }

    public VaryFields Vary { get; private init; } = VaryFields.None;

    public bool HasSetCookie { get; private init; }

    /// <summary>True when the origin gave freshness explicitly (max-age, s-maxage, Expires).</summary>
    public bool HasExplicitFreshness => Directives.MaxAge is not null || Directives.SharedMaxAge is not null || HasExpires;

    public static ResponseFacts Parse(IHeaderView headers, IReadOnlyList<string> targetedFields)
    {
        CacheDirectives? directives = null;
        var targeted = false;
        foreach (var field in targetedFields)
        {
            if (TargetedFieldParser.TryParse(headers.GetValues(field), out var parsed))
            {
                directives = parsed;
                targeted = true;
                break;
            }
        }
        directives ??= CacheControlParser.Parse(headers.GetValues("Cache-Control"));

        DateTimeOffset? date = HttpDate.TryParse(headers.GetSingle("Date"), out var d) ? d : null;
        var ageLines = headers.GetValues("Age");
        long ageValue = 0;
        var ageInvalid = false;
        if (ageLines.Count > 0)
        {
            ageInvalid = ageLines.Count != 1 || !TryParseAge(ageLines[0], out ageValue);
        }
        var expiresLines = targeted ? [] : headers.GetValues("Expires");
        DateTimeOffset? expires = expiresLines.Count > 0 && HttpDate.TryParse(expiresLines[0], out var e) ? e : null;
        var lastModifiedRaw = headers.GetSingle("Last-Modified");
        DateTimeOffset? lastModified = HttpDate.TryParse(lastModifiedRaw, out var lm) ? lm : null;
        return new ResponseFacts(directives, targeted)
        {
            Date = date,
            AgeValue = ageValue,
            AgeInvalid = ageInvalid,
            HasExpires = expiresLines.Count > 0,
            Expires = expires,
            LastModified = lastModified,
            LastModifiedRaw = lastModified is null ? null : lastModifiedRaw,
            ETag = headers.GetSingle("ETag") is { Length: > 0 } etag ? etag.Trim() : null,
            Vary = VaryFields.Parse(headers.GetValues("Vary")),
            HasSetCookie = headers.Contains("Set-Cookie") || headers.Contains("Set-Cookie2"),
        };
    }

    /// <summary><c>Age</c> must be a bare non-negative integer: "7200.0", "-1", "1, 2", "1;x=y" are invalid.</summary>
    internal static bool TryParseAge(string value, out long age)
    {
        age = 0;
        var s = value.AsSpan().Trim(" \t");
        if (s.IsEmpty)
        {
            return false;
        }
        foreach (var c in s)
        {
            if (!char.IsAsciiDigit(c))
            {
                return false;
            }
        }
        age = CacheControlParser.ParseDigits(s);
        return true;
    }
}
