using System.Diagnostics.Metrics;

namespace Rempart.Gateway.Automations;

/// <summary>Per-automation instruments; the automation tag is one of the built-in names.</summary>
public sealed class AutomationMetrics(Meter meter)
{
    private readonly Counter<long> _evaluations = meter.CreateCounter<long>("rempart_automation_evaluations", description: "Events an automation evaluated, by automation.");
    private readonly Counter<long> _decisions = meter.CreateCounter<long>("rempart_automation_decisions", description: "Decisions an automation took, by automation.");
    private readonly Counter<long> _errors = meter.CreateCounter<long>("rempart_automation_errors", description: "Automation failures (a decision the store refused, a list that failed to load), by automation.");
    private readonly Counter<long> _evicted = meter.CreateCounter<long>("rempart_automation_clients_evicted", description: "Per-client counters dropped to keep automation memory bounded, by automation.");

    public void Evaluated(string automation) => _evaluations.Add(1, new KeyValuePair<string, object?>("automation", automation));

    public void Decided(string automation) => _decisions.Add(1, new KeyValuePair<string, object?>("automation", automation));

    public void Failed(string automation) => _errors.Add(1, new KeyValuePair<string, object?>("automation", automation));

    public void Evicted(string automation, long count) => _evicted.Add(count, new KeyValuePair<string, object?>("automation", automation));
}
