using System.Globalization;
using Rempart.Caching.Http;
using Rempart.Caching.Storage;

namespace Rempart.Caching.Semantics;

/// <summary>Small readings of response fields the engine needs: surrogate keys, validators, lengths.</summary>
public static class ResponseFields
{
    /// <summary>Surrogate keys from the configured fields (space- or comma-separated; at most 256, each ≤ 1 KiB).</summary>
    public static IReadOnlyList<string> SurrogateKeysOf(IHeaderView headers, IReadOnlyList<string> fields)
    {
        List<string>? keys = null;
        foreach (var field in fields)
        {
            foreach (var line in headers.GetValues(field))
            {
                foreach (var key in line.Split([' ', ',', '\t'], StringSplitOptions.RemoveEmptyEntries))
                {
                    keys ??= [];
                    if (keys.Count < 256 && key.Length <= 1024 && !keys.Contains(key))
                    {
                        keys.Add(key);
                    }
                }
            }
        }
        return keys is null ? [] : keys;
    }

    /// <summary>The validators to send when revalidating <paramref name="entry"/>, exactly as the origin sent them.</summary>
    public static HeaderList ConditionalHeadersFor(CacheEntry entry)
    {
        var headers = new HeaderList();
        if (entry.Facts.ETag is { } etag)
        {
            headers.Set("If-None-Match", etag); // verbatim: the origin compares against what it sent
        }
        if (entry.Facts.LastModifiedRaw is { } lastModified)
        {
            headers.Set("If-Modified-Since", lastModified);
        }
        return headers;
    }

    /// <summary>RFC 9111 §4.3.5: does a HEAD response describe the stored response (same validators, or none on either)?</summary>
    public static bool SameValidators(ResponseFacts stored, IHeaderView response)
    {
        var etag = response.GetSingle("ETag");
        var lastModified = response.GetSingle("Last-Modified");
        if (stored.ETag is not null || etag is not null)
        {
            return stored.ETag is not null && etag is not null && EntityTags.StrongEquals(stored.ETag, etag);
        }
        if (stored.LastModifiedRaw is not null || lastModified is not null)
        {
            return string.Equals(stored.LastModifiedRaw, lastModified, StringComparison.Ordinal);
        }
        return true;
    }

    /// <summary>A single valid <c>Content-Length</c>, else null.</summary>
    public static long? ParseContentLength(IHeaderView headers)
    {
        var value = headers.GetSingle("Content-Length");
        return value is not null && long.TryParse(value.Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out var n) ? n : null;
    }

    /// <summary>Approximate size of a header section.</summary>
    public static long HeaderBytes(IHeaderView headers)
    {
        long total = 0;
        foreach (var line in headers.Lines)
        {
            total += line.Key.Length + line.Value.Length + 4;
        }
        return total;
    }
}
