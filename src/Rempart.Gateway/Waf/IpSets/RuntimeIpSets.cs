using System.Collections.Concurrent;
using Rempart.Gateway.Configuration;
using Rempart.Gateway.State;

namespace Rempart.Gateway.Waf.IpSets;

/// <summary>
/// Every named IP set's run-time entries, outliving config generations (a reload keeps them, as
/// rate counters are kept). An entry is written to the state store before it is enforced, and
/// loaded again at start, so a restart keeps what functions and operators added; entries with a
/// duration expire on the injected clock (swept each second). Stored under the set name prefixed
/// <c>ip_set:</c>, apart from the bookkeeping sets automations keep in the same table.
/// </summary>
public sealed class RuntimeIpSets : IAsyncDisposable
{
    /// <summary>Run-time entries one set may hold: a list, not a second decision store.</summary>
    public const int MaxEntriesPerSet = 100_000;

    private const string StorePrefix = "ip_set:";
    private readonly ConcurrentDictionary<string, RuntimeIpSet> _sets = new(StringComparer.Ordinal);
    private readonly HashSet<string> _loaded = new(StringComparer.Ordinal);
    private readonly SemaphoreSlim _writeGate = new(1, 1);
    private readonly TimeProvider _time;
    private IStateStore? _store;
    private ITimer? _sweep;
    private int _sweeping;

    /// <summary>Sets without a store until <see cref="StartAsync"/> (the CLI's offline tools never start them: they stay empty).</summary>
    public RuntimeIpSets(TimeProvider time)
    {
        _time = time;
    }

    /// <summary>Attaches the state store once it is open, loads the stored entries of <paramref name="names"/> and starts expiring.</summary>
    public async Task StartAsync(IStateStore store, IEnumerable<string> names, CancellationToken cancellationToken = default)
    {
        _store = store;
        await LoadAsync(names, cancellationToken).ConfigureAwait(false);
        _sweep = _time.CreateTimer(_ => _ = SweepAsync(), null, TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(1));
    }

    /// <summary>The name under which the reputation lists' union is published, and its prefix for one source (<c>reputation_lists.SOURCE</c>).</summary>
    public const string ReputationSet = "reputation_lists";

    /// <summary>The set one reputation source publishes: <c>reputation_lists.SOURCE</c>.</summary>
    public static string ReputationSourceSet(string source) => ReputationSet + "." + source;

    /// <summary>The live entries of a set (created empty on first use; compiled statements hold it).</summary>
    public RuntimeIpSet Get(string name) => _sets.GetOrAdd(name, n => new RuntimeIpSet(n));

    /// <summary>Loads the stored entries of sets not loaded yet (at start, and for sets a reload defines).</summary>
    public async Task LoadAsync(IEnumerable<string> names, CancellationToken cancellationToken = default)
    {
        if (_store is null)
        {
            return;
        }

        var now = _time.GetUtcNow();
        foreach (var name in names)
        {
            lock (_loaded)
            {
                if (!_loaded.Add(name))
                {
                    continue;
                }
            }

            var set = Get(name);
            foreach (var entry in await _store.ListIpSetEntriesAsync(StorePrefix + name, cancellationToken).ConfigureAwait(false))
            {
                if (entry.ExpiresAt is not { } at || at > now)
                {
                    set.Put(entry with { SetName = name });
                }
            }
        }
    }

    /// <summary>Adds (or renews) an entry: stored and audited as <paramref name="source"/>, then enforced. False when the set is full.</summary>
    public async Task<bool> AddAsync(string set, string cidr, TimeSpan? duration, string source, CancellationToken cancellationToken = default)
    {
        if (!CidrParser.TryParse(cidr, out var network))
        {
            throw new ArgumentException($"'{cidr}' is not an IP address or CIDR", nameof(cidr));
        }

        var target = Get(set);
        var text = network.ToString();
        if (target.Count >= MaxEntriesPerSet && !target.Has(text))
        {
            return false;
        }

        var now = _time.GetUtcNow();
        var entry = new IpSetEntry(set, text, source, now, duration is { } d ? now + d : null);
        await _writeGate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            if (_store is not null)
            {
                await _store.PutIpSetEntryAsync(entry with { SetName = StorePrefix + set }, cancellationToken).ConfigureAwait(false);
                await _store.AppendAuditAsync(source, "ip_set.add", Detail(set, text, entry.ExpiresAt), now, cancellationToken).ConfigureAwait(false);
            }

            target.Put(entry);
            return true;
        }
        finally
        {
            _writeGate.Release();
        }
    }

    /// <summary>Removes an entry (from the store first, audited as <paramref name="actor"/>); false when it was not there.</summary>
    public async Task<bool> RemoveAsync(string set, string cidr, string actor, CancellationToken cancellationToken = default)
    {
        var text = CidrParser.TryParse(cidr, out var network) ? network.ToString() : cidr;
        await _writeGate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            var removedStored = _store is not null && await _store.DeleteIpSetEntryAsync(StorePrefix + set, text, cancellationToken).ConfigureAwait(false);
            var removed = Get(set).Remove(text) || removedStored;
            if (removed && _store is not null)
            {
                await _store.AppendAuditAsync(actor, "ip_set.remove", Detail(set, text, null), _time.GetUtcNow(), cancellationToken).ConfigureAwait(false);
            }

            return removed;
        }
        finally
        {
            _writeGate.Release();
        }
    }

    private static string Detail(string set, string cidr, DateTimeOffset? expiresAt) =>
        System.Text.Json.JsonSerializer.Serialize(new { set, cidr, expires_at = expiresAt });

    private async Task SweepAsync()
    {
        // One sweep at a time, under the write gate: a renewal between "expired in memory" and "deleted
        // from the store" would otherwise lose the renewed row.
        if (Interlocked.Exchange(ref _sweeping, 1) == 1)
        {
            return;
        }

        try
        {
            var now = _time.GetUtcNow();
            await _writeGate.WaitAsync().ConfigureAwait(false);
            try
            {
                foreach (var set in _sets.Values)
                {
                    foreach (var expired in set.Expire(now))
                    {
                        await _store!.DeleteIpSetEntryAsync(StorePrefix + set.Name, expired.Cidr).ConfigureAwait(false);
                    }
                }
            }
            finally
            {
                _writeGate.Release();
            }
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            // The entries are already out of the sets; a stored leftover is filtered on the next load.
        }
        finally
        {
            Volatile.Write(ref _sweeping, 0);
        }
    }

    public ValueTask DisposeAsync()
    {
        _sweep?.Dispose();
        return ValueTask.CompletedTask;
    }
}
