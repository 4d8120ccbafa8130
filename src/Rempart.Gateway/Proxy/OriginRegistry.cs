using System.Text.Json;
using Microsoft.Extensions.Logging;
using Rempart.Gateway.Configuration;
using Rempart.Gateway.Events;

namespace Rempart.Gateway.Proxy;

/// <summary>
/// Owns every <see cref="OriginPool"/>. On each config it hands out pools by name, reusing a pool
/// whose settings did not change (its health, connections and probes carry on) and retiring the
/// others after a grace period, so requests still in flight on an old snapshot finish normally.
/// </summary>
public sealed class OriginRegistry(TimeProvider time, EventBus events, ILoggerFactory loggerFactory) : IDisposable
{
    private static readonly TimeSpan RetireAfter = TimeSpan.FromMinutes(5);
    private readonly Dictionary<string, OriginPool> _pools = new(StringComparer.Ordinal);
    private readonly List<ITimer> _retirements = [];
    private readonly Lock _gate = new();
    private readonly ILogger _logger = loggerFactory.CreateLogger("Rempart.Origins");

    public IReadOnlyDictionary<string, IOriginHandle> Reconcile(GatewayConfig config)
    {
        lock (_gate)
        {
            var pools = new Dictionary<string, OriginPool>(StringComparer.Ordinal);
            foreach (var (name, origin) in config.Origins.Where(o => o.Value.Failover is null))
            {
                var signature = JsonSerializer.Serialize(origin);
                if (!_pools.TryGetValue(name, out var pool) || pool.Signature != signature)
                {
                    pool = new OriginPool(name, origin, signature, time, events, _logger);
                }

                pools[name] = pool;
            }

            foreach (var (name, old) in _pools)
            {
                if (!pools.TryGetValue(name, out var current) || current != old)
                {
                    Retire(old);
                }
            }

            _pools.Clear();
            foreach (var (name, pool) in pools)
            {
                _pools[name] = pool;
            }

            var handles = new Dictionary<string, IOriginHandle>(StringComparer.Ordinal);
            foreach (var (name, pool) in pools)
            {
                handles[name] = pool;
            }

            foreach (var (name, origin) in config.Origins)
            {
                if (origin.Failover is { } f)
                {
                    handles[name] = new OriginGroup(name, pools[f.Primary], pools[f.Secondary], f.Statuses);
                }
            }

            return handles;
        }
    }

    public IReadOnlyList<OriginPool> Pools
    {
        get
        {
            lock (_gate)
            {
                return _pools.Values.ToList();
            }
        }
    }

    public void Dispose()
    {
        lock (_gate)
        {
            foreach (var pool in _pools.Values)
            {
                pool.Dispose();
            }

            foreach (var timer in _retirements)
            {
                timer.Dispose();
            }

            _pools.Clear();
        }
    }

    private void Retire(OriginPool pool)
    {
        ITimer? timer = null;
        timer = time.CreateTimer(_ =>
        {
            pool.Dispose();
            lock (_gate)
            {
                _retirements.Remove(timer!);
            }

            timer!.Dispose();
        }, null, RetireAfter, Timeout.InfiniteTimeSpan);
        _retirements.Add(timer);
    }
}
