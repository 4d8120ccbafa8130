using System.Collections.Concurrent;
using Rempart.Gateway.Shield.Mitigation;

namespace Rempart.Gateway.Shield.Detection;

/// <summary>
/// The detection engine of one gateway: one <see cref="RouteMonitor"/> per route plus one for the
/// transport (limit hits have no route). Knows nothing of HTTP: the host feeds observations and
/// calls <see cref="Tick"/> once per second of its <see cref="TimeProvider"/>. Monitors survive
/// reloads (the baseline is kept) and are dropped when their route disappears.
/// </summary>
public sealed class AttackDetector(Func<UInt128, (string? Country, long? Asn)>? geo = null)
{
    /// <summary>Name of the monitor that watches transport limits (connections, slow clients).</summary>
    public const string TransportRoute = "*";

    private readonly ConcurrentDictionary<string, RouteMonitor> _monitors = new(StringComparer.Ordinal);
    private DetectionSettings _detection = new();
    private MitigationSettings _mitigation = new();
    private readonly Func<UInt128, (string? Country, long? Asn)>? _geo = geo;
    private RouteMonitor? _transport;

    public DetectionSettings Detection => _detection;

    public MitigationSettings Mitigation => _mitigation;

    public IEnumerable<RouteMonitor> Monitors => _monitors.Values;

    /// <summary>Applies settings and the route list of a (re)loaded config.</summary>
    public void Configure(IEnumerable<string> routes, DetectionSettings detection, MitigationSettings mitigation)
    {
        _detection = detection;
        _mitigation = mitigation;
        var wanted = routes.Append(TransportRoute).ToHashSet(StringComparer.Ordinal);
        foreach (var name in wanted)
        {
            var monitor = _monitors.GetOrAdd(name, n => new RouteMonitor(n, detection, mitigation, _geo));
            monitor.Reconfigure(detection, mitigation);
        }

        foreach (var name in _monitors.Keys.Where(n => !wanted.Contains(n)).ToList())
        {
            _monitors.TryRemove(name, out _);
        }
    }

    public RouteMonitor? For(string route) => _monitors.GetValueOrDefault(route);

    /// <summary>
    /// The transport monitor, checked on every request: kept in a field once made, so the request path
    /// reads a reference instead of building a key and a delegate (<see cref="Configure"/> keeps it in the table).
    /// </summary>
    public RouteMonitor Transport => Volatile.Read(ref _transport) ?? CreateTransport();

    public void RecordTransportLimit(bool slowClient, UInt128 source) => Transport.RecordTransport(slowClient, source);

    private RouteMonitor CreateTransport()
    {
        var monitor = _monitors.GetOrAdd(TransportRoute, static (n, d) => new RouteMonitor(n, d._detection, d._mitigation, d._geo), this);
        Interlocked.CompareExchange(ref _transport, monitor, null);
        return _transport!;
    }

    /// <summary>Closes the current second on every route; returns what changed (attacks started, ended, mitigated).</summary>
    public List<AttackChange> Tick(DateTimeOffset now)
    {
        var changes = new List<AttackChange>();
        foreach (var monitor in _monitors.Values)
        {
            if (monitor.Tick(now) is { } change)
            {
                changes.Add(change);
            }
        }

        return changes;
    }

    public List<AttackReport> OpenAttacks(DateTimeOffset now) =>
        _monitors.Values.Select(m => m.Snapshot(now)).OfType<AttackReport>().ToList();
}
