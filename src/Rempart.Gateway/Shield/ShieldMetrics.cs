using System.Diagnostics.Metrics;

namespace Rempart.Gateway.Shield;

/// <summary>
/// Instruments of the transport guard and origin protection. Tags are bounded: limit names are
/// constants, budget names come from the config (route and origin names).
/// </summary>
public sealed class ShieldMetrics(Meter meter)
{
    private readonly Counter<long> _limitFired = meter.CreateCounter<long>("rempart_shield_transport_limit", description: "Connections or requests refused or closed by a transport limit, by limit.");
    private readonly Counter<long> _budgetAdmitted = meter.CreateCounter<long>("rempart_shield_budget_admitted", description: "Requests admitted by an origin or route budget, by budget and how (immediate, queued).");
    private readonly Counter<long> _budgetRejected = meter.CreateCounter<long>("rempart_shield_budget_rejected", description: "Requests refused with 503 by an origin or route budget, by budget and reason (queue_full, queue_timeout).");
    private readonly Histogram<double> _budgetWait = meter.CreateHistogram<double>("rempart_shield_budget_wait_seconds", "s", "Time requests waited in a budget queue (admitted or refused).");

    public Meter Meter { get; } = meter;

    public void LimitFired(string limit) => _limitFired.Add(1, new KeyValuePair<string, object?>("limit", limit));

    public void BudgetAdmitted(string budget, bool queued) => _budgetAdmitted.Add(1, new("budget", budget), new("how", queued ? "queued" : "immediate"));

    public void BudgetRejected(string budget, string reason) => _budgetRejected.Add(1, new("budget", budget), new("reason", reason));

    public void BudgetWaited(string budget, double seconds) => _budgetWait.Record(seconds, new KeyValuePair<string, object?>("budget", budget));
}
