using Rempart.Caching.Http;
using Rempart.Caching.Storage;

namespace Rempart.Caching.Semantics;

/// <summary>Selecting a stored variant for a request (RFC 9111 §4.1) and recording what a new one varies on.</summary>
public static class VariantSelection
{
    /// <summary>The most recent variant whose key extras and Vary values match the request, or null.</summary>
    public static CacheEntry? Select(IReadOnlyList<CacheEntry> variants, CacheKey key, IHeaderView requestHeaders)
    {
        CacheEntry? best = null;
        foreach (var candidate in variants)
        {
            if (!string.Equals(candidate.Key.Secondary, key.Secondary, StringComparison.Ordinal) || !VaryMatches(candidate, requestHeaders))
            {
                continue;
            }
            // RFC 9111 §4.1: several matches → the most recent response.
            if (best is null || Recency(candidate) > Recency(best))
            {
                best = candidate;
            }
        }
        return best;
    }

    private static DateTimeOffset Recency(CacheEntry entry) => entry.Facts.Date ?? entry.ResponseTime;

    /// <summary>True when every field the entry varies on has the same normalised value in the request.</summary>
    public static bool VaryMatches(CacheEntry entry, IHeaderView requestHeaders)
    {
        foreach (var vary in entry.VaryValues)
        {
            var value = FieldNormalizer.Normalize(vary.Name, requestHeaders.GetValues(vary.Name));
            if (!string.Equals(value, vary.Value, StringComparison.Ordinal))
            {
                return false;
            }
        }
        return true;
    }

    /// <summary>The normalised request values of the fields a new response varies on.</summary>
    public static IReadOnlyList<VaryValue> ValuesFor(VaryFields vary, IHeaderView requestHeaders)
    {
        if (vary.Names.Count == 0)
        {
            return [];
        }
        var values = new VaryValue[vary.Names.Count];
        for (var i = 0; i < values.Length; i++)
        {
            var fieldName = vary.Names[i];
            values[i] = new VaryValue(fieldName, FieldNormalizer.Normalize(fieldName, requestHeaders.GetValues(fieldName)));
        }
        return values;
    }
}
