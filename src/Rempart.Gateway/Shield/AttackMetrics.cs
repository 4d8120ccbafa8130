using System.Diagnostics.Metrics;
using Rempart.Gateway.Shield.Detection;

namespace Rempart.Gateway.Shield;

/// <summary>
/// Instruments of attack detection and mitigation, modelled on Shield Advanced's CloudWatch
/// metrics (DDoSDetected, DDoSAttackRequestsPerSecond by vector, mitigation pass/drop, top
/// contributors). Cardinality is bounded: routes come from the config, vectors and kinds are
/// constants, and top-contributor series exist only for open attacks, five per kind.
/// </summary>
public sealed class AttackMetrics
{
    private readonly Counter<long> _attacks;
    private readonly Counter<long> _requests;
    private volatile IReadOnlyList<AttackReport> _open = [];

    public AttackMetrics(Meter meter, AttackDetector detector, Func<string, bool> underAttack)
    {
        _attacks = meter.CreateCounter<long>("rempart_ddos_attacks", description: "Attack events opened, by vector.");
        _requests = meter.CreateCounter<long>("rempart_ddos_requests", description: "Requests to a route under attack, by route and outcome (passed, dropped, challenged, counted).");
        meter.CreateObservableGauge("rempart_ddos_detected", () => detector.Monitors.Select(m =>
            new Measurement<int>(m.AttackOpen ? 1 : 0, new KeyValuePair<string, object?>("route", m.Route))),
            description: "1 while an attack event is open on the route (the transport monitor is route \"*\"), else 0.");
        meter.CreateObservableGauge("rempart_ddos_attack_requests_per_second", () => AttackNames().Select(v =>
            new Measurement<long>(_open.Where(a => a.Vectors.Contains(v)).Sum(a => a.RequestsPerSecond), new KeyValuePair<string, object?>("vector", v))),
            "{request}/s", "Requests per second of open attacks, by vector (an attack with several vectors counts in each).");
        meter.CreateObservableGauge("rempart_ddos_mitigations_active", () => detector.Monitors.Select(m =>
            new Measurement<int>(m.Mitigations.Count, new KeyValuePair<string, object?>("route", m.Route))),
            description: "Signature components applied on the route.");
        meter.CreateObservableGauge("rempart_ddos_under_attack_mode", () => detector.Monitors.Where(m => m.Route != AttackDetector.TransportRoute).Select(m =>
            new Measurement<int>(m.UnderAttack || underAttack(m.Route) ? 1 : 0, new KeyValuePair<string, object?>("route", m.Route))),
            description: "1 while under-attack mode (manual or automatic) challenges every new client of the route.");
        meter.CreateObservableGauge("rempart_ddos_tracked_entries", () => detector.Monitors.Select(m =>
            new Measurement<int>(m.TrackedEntries, new KeyValuePair<string, object?>("route", m.Route))),
            description: "Entries in the route's per-source tables (bounded by shield.detection.max_sources per table).");
        meter.CreateObservableGauge("rempart_ddos_top_contributor_requests", TopContributors,
            "{request}", "Requests of the top five contributors of each open attack, by route, kind (ip, prefix, country, asn) and value.");
    }

    /// <summary>The snapshots of open attacks after the latest tick (read by the gauges).</summary>
    public void Update(IReadOnlyList<AttackReport> open) => _open = open;

    public void AttackStarted(AttackReport attack)
    {
        foreach (var v in attack.Vectors)
        {
            _attacks.Add(1, new KeyValuePair<string, object?>("vector", v));
        }
    }

    public void Request(string route, RequestOutcome outcome) => _requests.Add(1, new("route", route), new("outcome", outcome switch
    {
        RequestOutcome.Dropped => "dropped",
        RequestOutcome.Challenged => "challenged",
        RequestOutcome.Counted => "counted",
        _ => "passed",
    }));

    private static IEnumerable<string> AttackNames() => AttackVectorNames.All.Select(v => v.Name);

    private IEnumerable<Measurement<long>> TopContributors()
    {
        foreach (var a in _open)
        {
            var route = new KeyValuePair<string, object?>("route", a.Route);
            foreach (var (kind, list) in new[] { ("ip", a.TopContributors.Ips), ("prefix", a.TopContributors.Prefixes), ("country", a.TopContributors.Countries), ("asn", a.TopContributors.Asns) })
            {
                foreach (var c in list.Take(5))
                {
                    yield return new Measurement<long>(c.Requests, route, new("kind", kind), new("value", c.Value));
                }
            }
        }
    }
}
