using System.Diagnostics.Metrics;
using System.Text.Json;
using Microsoft.Extensions.Logging;
using Rempart.Gateway.State;
using Rempart.SecLang.Engine;

namespace Rempart.Gateway.Waf.SecLang;

/// <summary>
/// The SecLang persistent collections (IP, SESSION, USER, GLOBAL, RESOURCE) of one Rempart, kept in the state store
/// so that counters survive a restart. Requests read and write memory only; a background loop writes the changed
/// records to the store in one transaction every <see cref="FlushInterval"/>, and the last ones when Rempart stops.
/// </summary>
/// <remarks>
/// Memory is bounded: at most <see cref="Capacity"/> records stay after each flush (least recently used ones are
/// dropped from memory, never from the store), and a request that would add a record beyond twice that while
/// the store is behind has its write dropped and counted. At start the live records are loaded; while memory
/// holds every live record a miss means "new record" and costs nothing, otherwise a miss reads the store (one
/// indexed row) on the request. Expiry follows the injected clock: records by SecCollectionTimeout, variables
/// by <c>expirevar</c> (the engine drops those on load).
/// </remarks>
public sealed partial class SecLangCollections : IPersistentCollectionStore, IAsyncDisposable
{
    public const int DefaultCapacity = 100_000;

    /// <summary>How often changed records are written (I/O pacing, on the wall clock, not the gateway's clock).</summary>
    public static readonly TimeSpan FlushInterval = TimeSpan.FromMilliseconds(500);

    /// <summary>How long a request waits for a record memory no longer held to be read back from the store.</summary>
    public static readonly TimeSpan ReadBackWait = TimeSpan.FromMilliseconds(50);

    private static readonly TimeSpan PurgeInterval = TimeSpan.FromMinutes(1);

    private readonly IStateStore _store;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;
    private readonly Lock _gate = new();
    private readonly Dictionary<(string Collection, string Key), Entry> _records = [];
    private Dictionary<(string Collection, string Key), Entry> _dirty = [];
    private readonly CancellationTokenSource _stop = new();
    private readonly Counter<long> _written;
    private readonly Counter<long> _dropped;
    private readonly Counter<long> _storeReads;
    private readonly Counter<long> _readBackTimeouts;
    private Task _loop = Task.CompletedTask;
    private bool _complete;
    private long _clock;

    private SecLangCollections(IStateStore store, TimeProvider time, Meter meter, ILogger logger, int capacity)
    {
        _store = store;
        _time = time;
        _logger = logger;
        Capacity = capacity;
        _written = meter.CreateCounter<long>("rempart_seclang_collection_writes", description: "SecLang persistent-collection records written to the state store.");
        _dropped = meter.CreateCounter<long>("rempart_seclang_collection_dropped", description: "SecLang persistent-collection writes dropped: memory full while the state store was behind, or the store refused them.");
        _readBackTimeouts = meter.CreateCounter<long>("rempart_seclang_collection_read_timeouts", description: "SecLang persistent-collection reads from the state store that took longer than a request waits (50 ms): the record counted as new for that request.");
        _storeReads = meter.CreateCounter<long>("rempart_seclang_collection_store_reads", description: "SecLang persistent-collection records read from the state store on a request (memory did not hold every live record).");
        meter.CreateObservableGauge("rempart_seclang_collection_records", () => (long)Count, description: "SecLang persistent-collection records held in memory.");
    }

    /// <summary>The most records kept in memory after a flush.</summary>
    public int Capacity { get; }

    /// <summary>Records in memory now.</summary>
    public int Count
    {
        get
        {
            lock (_gate)
            {
                return _records.Count;
            }
        }
    }

    /// <summary>Loads the live records (up to <paramref name="capacity"/>) and starts the write loop.</summary>
    public static async Task<SecLangCollections> StartAsync(IStateStore store, TimeProvider time, Meter meter, ILogger logger, int capacity = DefaultCapacity, CancellationToken cancellationToken = default)
    {
        var collections = new SecLangCollections(store, time, meter, logger, capacity);
        var now = time.GetUtcNow();
        await store.DeleteExpiredCollectionRecordsAsync(now, cancellationToken).ConfigureAwait(false);
        var live = await store.ListCollectionRecordsAsync(now, capacity + 1, cancellationToken).ConfigureAwait(false);
        foreach (var record in live.Take(capacity))
        {
            collections._records[(record.Collection, record.Key)] = new Entry(Parse(record.Values), record.ExpiresAt, 0);
        }

        collections._complete = live.Count <= capacity;
        collections._loop = Task.Run(collections.WriteLoopAsync, CancellationToken.None);
        return collections;
    }

    /// <inheritdoc/>
    public Dictionary<string, string> Load(string collection, string key, DateTimeOffset now)
    {
        var id = (collection.ToUpperInvariant(), key);
        lock (_gate)
        {
            if (_records.TryGetValue(id, out var entry))
            {
                if (entry.Expires > now)
                {
                    entry.LastUsed = ++_clock;
                    return new Dictionary<string, string>(entry.Values, StringComparer.OrdinalIgnoreCase);
                }

                if (!_dirty.ContainsKey(id))
                {
                    _records.Remove(id);
                }

                return new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
            }

            if (_complete)
            {
                return new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
            }
        }

        // Memory dropped records before: this one may be in the store (one indexed row; rare by construction).
        _storeReads.Add(1);
        CollectionRecord? stored;
        try
        {
            // Bounded: a request never waits behind a long batch write (or a client choosing fresh keys to
            // force reads); past the bound the record counts as new for this request, the read finishes alone.
            var read = _store.GetCollectionRecordAsync(id.Item1, key, now);
            stored = read.Wait(ReadBackWait) ? read.Result : null;
            if (!read.IsCompleted)
            {
                _readBackTimeouts.Add(1);
            }
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            LogStoreFailed(_logger, e.GetBaseException().Message);
            stored = null;
        }

        if (stored is null)
        {
            return new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        }

        var values = Parse(stored.Values);
        lock (_gate)
        {
            _records.TryAdd(id, new Entry(values, stored.ExpiresAt, ++_clock));
        }

        return new Dictionary<string, string>(values, StringComparer.OrdinalIgnoreCase);
    }

    /// <inheritdoc/>
    public void Store(string collection, string key, CollectionUpdate update, DateTimeOffset now, TimeSpan timeout)
    {
        var id = (collection.ToUpperInvariant(), key);
        lock (_gate)
        {
            var held = _records.TryGetValue(id, out var current);
            if (_records.Count >= 2 * Capacity && !held)
            {
                _dropped.Add(1);
                return;
            }

            // Merged into the record as it is now: parallel requests of one client each add their counts.
            var entry = new Entry(update.ApplyTo(held && current!.Expires > now ? current.Values : null), now + timeout, 0);
            entry.LastUsed = ++_clock;
            _records[id] = entry;
            _dirty[id] = entry;
        }
    }

    /// <summary>Writes the changed records now (the loop does it every <see cref="FlushInterval"/>); tests and shutdown call it.</summary>
    public async Task FlushAsync(CancellationToken cancellationToken = default)
    {
        Dictionary<(string Collection, string Key), Entry> batch;
        lock (_gate)
        {
            if (_dirty.Count == 0)
            {
                return;
            }

            batch = _dirty;
            _dirty = [];
        }

        var records = batch.Select(b => new CollectionRecord(b.Key.Collection, b.Key.Key, JsonSerializer.Serialize(b.Value.Values), b.Value.Expires)).ToList();
        try
        {
            // Not cancelled midway: a batch swapped out of the dirty set and then interrupted would be lost.
            await _store.PutCollectionRecordsAsync(records, CancellationToken.None).ConfigureAwait(false);
            _written.Add(records.Count);
        }
        catch (Exception e) when (e is not OutOfMemoryException and not OperationCanceledException)
        {
            // Keep them for the next flush unless a newer version of the record is already waiting.
            lock (_gate)
            {
                foreach (var (id, entry) in batch)
                {
                    _dirty.TryAdd(id, entry);
                }
            }

            LogStoreFailed(_logger, e.Message);
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync().ConfigureAwait(false);
        await _loop.ConfigureAwait(false);
        try
        {
            await FlushAsync(CancellationToken.None).ConfigureAwait(false);
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            LogStoreFailed(_logger, e.Message);
        }

        _stop.Dispose();
    }

    private async Task WriteLoopAsync()
    {
        using var timer = new PeriodicTimer(FlushInterval);
        var sincePurge = TimeSpan.Zero;
        try
        {
            while (await timer.WaitForNextTickAsync(_stop.Token).ConfigureAwait(false))
            {
                // One failing round (disk full, a busy database) must not end the loop: the next one tries again.
                try
                {
                    await FlushAsync(_stop.Token).ConfigureAwait(false);
                    sincePurge += FlushInterval;
                    var purge = sincePurge >= PurgeInterval;
                    Trim(purge);
                    if (purge)
                    {
                        sincePurge = TimeSpan.Zero;
                        await _store.DeleteExpiredCollectionRecordsAsync(_time.GetUtcNow(), _stop.Token).ConfigureAwait(false);
                    }
                }
                catch (Exception e) when (e is not OutOfMemoryException and not OperationCanceledException)
                {
                    LogStoreFailed(_logger, e.Message);
                }
            }
        }
        catch (OperationCanceledException)
        {
        }
    }

    /// <summary>Drops expired records (when <paramref name="purge"/>), then the least recently used written ones beyond <see cref="Capacity"/>.</summary>
    private void Trim(bool purge)
    {
        var now = _time.GetUtcNow();
        lock (_gate)
        {
            if (purge)
            {
                foreach (var id in _records.Where(r => r.Value.Expires <= now && !_dirty.ContainsKey(r.Key)).Select(r => r.Key).ToList())
                {
                    _records.Remove(id);
                }
            }

            if (_records.Count <= Capacity)
            {
                return;
            }

            var excess = _records.Count - Capacity;
            foreach (var id in _records.Where(r => !_dirty.ContainsKey(r.Key)).OrderBy(r => r.Value.LastUsed).Take(excess).Select(r => r.Key).ToList())
            {
                _records.Remove(id);
            }

            _complete = false;
        }
    }

    private static Dictionary<string, string> Parse(string json) =>
        JsonSerializer.Deserialize<Dictionary<string, string>>(json) is { } values
            ? new Dictionary<string, string>(values, StringComparer.OrdinalIgnoreCase)
            : new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);

    [LoggerMessage(EventId = 1701, Level = LogLevel.Warning, Message = "SecLang persistent collections could not be read from or written to the state store (kept in memory, retried): {Problem}")]
    private static partial void LogStoreFailed(ILogger logger, string problem);

    private sealed class Entry(Dictionary<string, string> values, DateTimeOffset expires, long lastUsed)
    {
        public Dictionary<string, string> Values { get; } = values;

        public DateTimeOffset Expires { get; } = expires;

        public long LastUsed { get; set; } = lastUsed;
    }
}
