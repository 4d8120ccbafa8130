using System.Globalization;
using Rempart.Caching.Http;
using Rempart.Caching.Storage;

namespace Rempart.Caching.Semantics;

/// <summary>
/// Turns a stored entry into the response for one request: <c>Age</c> (RFC 9111 §5.1), this
/// cache's <c>Cache-Status</c> member, the request's own preconditions evaluated against the stored
/// response (RFC 9111 §4.3.2 → 304), HEAD without body, and a single byte range served from the
/// stored full response (RFC 9110 §14 → 206 or 416; <c>If-Range</c> honoured).
/// </summary>
public static class ServedResponseBuilder
{
    public static ServedResponse Build(CacheEntry entry, CacheBodyHandle handle, CacheRequest request, double ageSeconds, string cacheStatus)
    {
        var headers = new HeaderList(entry.HeaderLines, spare: 3);
        headers.Set("Age", AgeText((long)Math.Floor(Math.Clamp(ageSeconds, 0, CacheDirectives.MaxDeltaSeconds))));
        headers.Add("Cache-Status", cacheStatus);

        if (entry.Status == 200 && IsNotModified(entry, request))
        {
            var notModified = new HeaderList();
            foreach (var line in headers.Lines)
            {
                if (HeaderRules.IsNotModifiedField(line.Key))
                {
                    notModified.Add(line.Key, line.Value);
                }
            }
            return new ServedResponse(304, notModified, entry, null, 0, 0);
        }

        var length = handle.Length;
        var mayHaveBody = entry.Status is not (204 or 304) and >= 200;
        if (mayHaveBody)
        {
            headers.Set("Content-Length", length == entry.Body.Length ? entry.BodyLengthText : length.ToString(CultureInfo.InvariantCulture));
        }
        if (entry.Status == 200 && request.IsGet && RangeApplies(entry, request))
        {
            switch (ByteRange.Resolve(request.Headers.GetCombined("Range"), length, out var range))
            {
                case ByteRange.Resolution.Partial:
                    headers.Set("Content-Range", string.Create(CultureInfo.InvariantCulture, $"bytes {range.Start}-{range.End}/{length}"));
                    headers.Set("Content-Length", range.Length.ToString(CultureInfo.InvariantCulture));
                    return new ServedResponse(206, headers, entry, handle, range.Start, range.Length);
                case ByteRange.Resolution.Unsatisfiable:
                    headers.Set("Content-Range", string.Create(CultureInfo.InvariantCulture, $"bytes */{length}"));
                    headers.Set("Content-Length", "0");
                    return new ServedResponse(416, headers, entry, null, 0, 0);
            }
        }
        var withBody = mayHaveBody && !request.IsHead;
        return new ServedResponse(entry.Status, headers, entry, withBody ? handle : null, 0, withBody ? length : 0);
    }

    // Ages of up to an hour, formatted once: most hits are of young entries, and each would format one.
    private static readonly string?[] AgeTexts = new string?[3600];

    private static string AgeText(long seconds)
    {
        if (seconds >= AgeTexts.Length)
        {
            return seconds.ToString(CultureInfo.InvariantCulture);
        }
        return AgeTexts[seconds] ??= seconds.ToString(CultureInfo.InvariantCulture);
    }

    /// <summary>The request's own <c>If-None-Match</c> / <c>If-Modified-Since</c> against the stored response.</summary>
    internal static bool IsNotModified(CacheEntry entry, CacheRequest request)
    {
        if (!request.IsGet && !request.IsHead)
        {
            return false;
        }
        var ifNoneMatch = request.Headers.GetCombined("If-None-Match");
        if (ifNoneMatch is not null)
        {
            return EntityTags.IfNoneMatchMatches(ifNoneMatch, entry.Facts.ETag);
        }
        if (HttpDate.TryParse(request.Headers.GetSingle("If-Modified-Since"), out var since))
        {
            var lastModified = entry.Facts.LastModified ?? entry.Facts.Date ?? entry.ResponseTime;
            return lastModified <= since;
        }
        return false;
    }

    /// <summary><c>If-Range</c>: the range applies only when the validator still matches (strong comparison).</summary>
    private static bool RangeApplies(CacheEntry entry, CacheRequest request)
    {
        if (!request.Headers.Contains("Range"))
        {
            return false;
        }
        var ifRange = request.Headers.GetSingle("If-Range");
        if (ifRange is null)
        {
            return true;
        }
        var trimmed = ifRange.Trim();
        if (trimmed.StartsWith('"') || trimmed.StartsWith("W/", StringComparison.Ordinal))
        {
            return entry.Facts.ETag is { } etag && EntityTags.StrongEquals(trimmed, etag);
        }
        return HttpDate.TryParse(trimmed, out var date) && entry.Facts.LastModified == date;
    }
}
