using System.Globalization;
using Rempart.Caching.Coalescing;
using Rempart.Caching.Http;
using Rempart.Caching.Storage;

namespace Rempart.Caching.Semantics;

/// <summary>Responses cut from a fill in progress, and the range-miss switch that feeds them.</summary>
internal static class FillResponses
{
    /// <summary>
    /// A response streamed from a fill: the whole body, or the client's single range when the
    /// length is declared (206, or 416 without body); several ranges or an unknown length get the
    /// whole body, which RFC 9110 §14.2 allows.
    /// </summary>
    public static ServedResponse Serve(CacheLookup lookup, CacheEntry template, FillProgress progress, string cacheStatus, DateTimeOffset now)
    {
        var age = Freshness.CurrentAge(template.Facts, template.RequestTime, template.ResponseTime, now);
        var headers = new HeaderList(template.Headers.Lines);
        headers.Set("Age", ((long)Math.Floor(Math.Clamp(age, 0, CacheDirectives.MaxDeltaSeconds))).ToString(CultureInfo.InvariantCulture));
        headers.Add("Cache-Status", cacheStatus);
        var range = lookup.Request.Headers.GetCombined("Range");
        if (progress.DeclaredLength is { } length)
        {
            headers.Set("Content-Length", length.ToString(CultureInfo.InvariantCulture));
            if (template.Status == 200 && range is not null)
            {
                switch (ByteRange.Resolve(range, length, out var window))
                {
                    case ByteRange.Resolution.Partial:
                        headers.Set("Content-Range", string.Create(CultureInfo.InvariantCulture, $"bytes {window.Start}-{window.End}/{length}"));
                        headers.Set("Content-Length", window.Length.ToString(CultureInfo.InvariantCulture));
                        return ServedResponse.Streaming(206, headers, template, progress, window.Start, window.Length);
                    case ByteRange.Resolution.Unsatisfiable:
                        headers.Set("Content-Range", string.Create(CultureInfo.InvariantCulture, $"bytes */{length}"));
                        headers.Set("Content-Length", "0");
                        return new ServedResponse(416, headers, template, null, 0, 0);
                }
            }
        }
        else
        {
            headers.Remove("Content-Length");
        }
        return ServedResponse.Streaming(template.Status, headers, template, progress);
    }

    /// <summary>With the policy's switch, a ranged GET that must go forward fetches the whole object to store.</summary>
    public static void FetchFullObjectIfRanged(CacheLookup lookup)
    {
        if (lookup.Policy.FetchFullObjectOnRangeMiss && lookup.Request.IsGet && lookup.Request.Headers.Contains("Range"))
        {
            lookup.RemoveRequestHeaders = ["Range", "If-Range"];
        }
    }
}
