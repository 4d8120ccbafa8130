using System.Diagnostics;
using System.Diagnostics.Metrics;
using Rempart.Caching;

namespace Rempart.Gateway.Cache;

/// <summary>
/// The cache's instruments (docs/cache.md, docs/observability.md): requests and body bytes by route
/// and outcome, background revalidations, invalidations, and gauges read from the store on scrape.
/// </summary>
public sealed class CacheMetrics
{
    /// <summary>Outcome names for metrics and the access log, indexed by <see cref="CacheOutcome"/>.</summary>
    private static readonly string[] OutcomeNames = Enum.GetValues<CacheOutcome>().Select(o => o switch
    {
        CacheOutcome.StaleHit => "stale",
        CacheOutcome.StaleIfError => "stale_if_error",
        CacheOutcome.GatewayTimeout => "gateway_timeout",
        _ => o.ToString().ToLowerInvariant(),
    }).ToArray();

    private readonly Counter<long> _requests;
    private readonly Counter<long> _bytes;
    private readonly Counter<long> _revalidations;
    private readonly Counter<long> _invalidations;
    private readonly Histogram<double> _invalidationDuration;
    private readonly Counter<long> _compressed;

    public CacheMetrics(Meter meter, CacheEngine engine)
    {
        _requests = meter.CreateCounter<long>("rempart_cache_requests", description: "Requests on cached routes by route and outcome (hit, stale, revalidated, stale_if_error, collapsed, miss, bypass, gateway_timeout).");
        _bytes = meter.CreateCounter<long>("rempart_cache_bytes", "By", "Response body bytes sent on cached routes by route and outcome (served from cache or forwarded).");
        _revalidations = meter.CreateCounter<long>("rempart_cache_background_revalidations", description: "stale-while-revalidate refreshes by result (refreshed, replaced, not_stored, failed, budget_refused).");
        _invalidations = meter.CreateCounter<long>("rempart_cache_invalidated_entries", description: "Entries removed by invalidation, by kind (api, unsafe_method).");
        _invalidationDuration = meter.CreateHistogram<double>("rempart_cache_invalidation_duration_seconds", "s", "Time an admin invalidation took on this node.");
        _compressed = meter.CreateCounter<long>("rempart_cache_compressed_responses", description: "Responses compressed at the edge, by encoding (br, gzip).");
        meter.CreateObservableGauge("rempart_cache_store_bytes", () => Tiers(engine, s => s.Bytes), "By", "Bytes held by each cache tier.");
        meter.CreateObservableGauge("rempart_cache_store_entries", () => Tiers(engine, s => s.Entries), description: "Entries held by each cache tier.");
        meter.CreateObservableCounter("rempart_cache_write_failures", () => engine.GetStats().DiskWriteFailures, description: "Writes the disk tier refused (full, deleted, permissions); each is a response not stored.");
        meter.CreateObservableGauge("rempart_cache_disk_failing", () => engine.GetStats().DiskFailing ? 1 : 0, description: "1 while the disk tier's writes fail (from a failed write to the next successful one).");
        meter.CreateObservableGauge("rempart_cache_fills_in_progress", () => engine.GetStats().ActiveFills, description: "Keys being filled from the origin right now.");
    }

    public static string Name(CacheOutcome outcome) => OutcomeNames[(int)outcome];

    public void Request(string route, CacheOutcome outcome, long bytes)
    {
        var tags = new TagList { { "route", route }, { "outcome", Name(outcome) } };
        _requests.Add(1, tags);
        if (bytes > 0)
        {
            _bytes.Add(bytes, tags);
        }
    }

    public void BackgroundRevalidation(string result) => _revalidations.Add(1, new KeyValuePair<string, object?>("result", result));

    public void Invalidated(string kind, int entries, double seconds)
    {
        _invalidations.Add(entries, new KeyValuePair<string, object?>("kind", kind));
        if (seconds >= 0)
        {
            _invalidationDuration.Record(seconds);
        }
    }

    public void Compressed(string encoding) => _compressed.Add(1, new KeyValuePair<string, object?>("encoding", encoding));

    private static IEnumerable<Measurement<long>> Tiers(CacheEngine engine, Func<Caching.Storage.CacheStoreStats, long> value)
    {
        var stats = engine.GetStats();
        if (stats.Memory is { } m)
        {
            yield return new(value(m), new KeyValuePair<string, object?>("tier", "memory"));
        }

        if (stats.Disk is { } d)
        {
            yield return new(value(d), new KeyValuePair<string, object?>("tier", "disk"));
        }
    }
}
