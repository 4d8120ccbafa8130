using System.Diagnostics.Metrics;
using Microsoft.Extensions.Logging;
using Rempart.Caching;
using Rempart.Caching.Invalidation;
using Rempart.Caching.Storage;
using Rempart.Gateway.Configuration;
using Rempart.Gateway.Configuration.Cache;

namespace Rempart.Gateway.Cache;

/// <summary>
/// The node's cache: one <see cref="CacheEngine"/> over the memory tier (and the disk tier under
/// data_dir when configured), its metrics and the background revalidator. Built at start; tiers and
/// engine options are read once (a reload that changes them says a restart is needed), while
/// policies and compression come with each config snapshot.
/// </summary>
public sealed partial class EdgeCache : IDisposable
{
    private readonly TimeProvider _time;

    private EdgeCache(CacheEngine engine, CacheMetrics metrics, TimeProvider time, ILogger logger)
    {
        Engine = engine;
        Metrics = metrics;
        _time = time;
        Revalidator = new BackgroundRevalidator(engine, metrics, logger);
    }

    public CacheEngine Engine { get; }

    public CacheMetrics Metrics { get; }

    internal BackgroundRevalidator Revalidator { get; }

    /// <summary>Where the disk tier lives, or null for memory only.</summary>
    public string? DiskDirectory { get; private init; }

    /// <summary>Opens the tiers (reading every disk entry's metadata: start-up only) and the engine.</summary>
    public static EdgeCache Create(CacheConfig config, string dataDirectory, TimeProvider time, Meter meter, ILoggerFactory loggerFactory)
    {
        var options = new CacheEngineOptions
        {
            CacheStatusName = config.StatusName,
            TargetedFields = config.TargetedFields,
            SurrogateKeyFields = config.SurrogateKeyFields,
            MaxVaryFields = config.MaxVaryFields,
            CoalesceTimeout = config.CoalesceTimeout,
            MaxWaitersPerKey = config.MaxWaitersPerKey,
        };
        var disk = config.Disk is { } d ? ConfigPaths.Resolve(dataDirectory, d.Path) : null;
        var store = CacheStoreFactory.Create(
            config.Memory.MaxSize.Bytes, config.Memory.MaxObjectSize.Bytes,
            disk, config.Disk?.MaxSize.Bytes ?? 0, config.Disk?.MaxObjectSize.Bytes ?? 0, options);
        var engine = new CacheEngine(store, time, options);
        var logger = loggerFactory.CreateLogger("Rempart.Cache");
        var diskTier = store switch
        {
            TieredCacheStore tiered => tiered.Disk,
            DiskCacheStore alone => alone,
            _ => null,
        };
        if (diskTier is not null)
        {
            diskTier.FailingChanged = error =>
            {
                if (error is null)
                {
                    LogDiskRecovered(logger, disk!);
                }
                else
                {
                    LogDiskFailing(logger, disk!, error.Message);
                }
            };
        }

        return new EdgeCache(engine, new CacheMetrics(meter, engine), time, logger) { DiskDirectory = disk };
    }

    [LoggerMessage(EventId = 1602, Level = LogLevel.Error, Message = "Disk cache tier in {Directory} is failing ({Reason}): responses are not stored there until a write succeeds; hits come from memory, misses go to the origin")]
    private static partial void LogDiskFailing(ILogger logger, string directory, string reason);

    [LoggerMessage(EventId = 1603, Level = LogLevel.Information, Message = "Disk cache tier in {Directory} is storing again")]
    private static partial void LogDiskRecovered(ILogger logger, string directory);

    /// <summary>Which parts of a changed cache section only apply after a restart; null when none changed.</summary>
    public static string? RestartOnlyChange(CacheConfig before, CacheConfig after)
    {
        static string J(CacheConfig c) => System.Text.Json.JsonSerializer.Serialize(c with { Policies = new Dictionary<string, CachePolicyConfig>(), Compression = new() });
        return J(before) == J(after) ? null : "cache tiers or engine settings changed: take effect after a restart (policies and compression applied now)";
    }

    /// <summary>Applies an operator's invalidation on this node; returns the entries removed and the time it took.</summary>
    public (int Removed, TimeSpan Elapsed) Invalidate(CacheInvalidation invalidation)
    {
        var started = _time.GetTimestamp();
        var removed = Engine.Invalidate(invalidation);
        var elapsed = _time.GetElapsedTime(started);
        Metrics.Invalidated("api", removed, elapsed.TotalSeconds);
        return (removed, elapsed);
    }

    public void Dispose()
    {
        Revalidator.Dispose();
        Engine.Store.Dispose();
    }
}
