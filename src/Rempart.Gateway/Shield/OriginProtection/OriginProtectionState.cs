using System.Diagnostics.Metrics;

namespace Rempart.Gateway.Shield.OriginProtection;

/// <summary>What origin protection keeps across requests and reloads: the budget gates and the client history, with their gauges.</summary>
public sealed class OriginProtectionState
{
    public OriginProtectionState(TimeProvider time, ShieldMetrics metrics)
    {
        Budgets = new BudgetRegistry(time);
        History = new ClientHistory(time);
        metrics.Meter.CreateObservableGauge("rempart_shield_budget_queue_length", () =>
            Budgets.Gates.Select(g => new Measurement<int>(g.Waiting, new KeyValuePair<string, object?>("budget", g.Name))),
            description: "Requests waiting in each budget's queue.");
        metrics.Meter.CreateObservableGauge("rempart_shield_budget_in_flight", () =>
            Budgets.Gates.Select(g => new Measurement<int>(g.InFlight, new KeyValuePair<string, object?>("budget", g.Name))),
            description: "Requests admitted by each budget and not finished yet.");
        metrics.Meter.CreateObservableGauge("rempart_shield_client_history_entries", () => History.Count,
            description: "Client IPs whose history origin protection keeps (bounded).");
    }

    public BudgetRegistry Budgets { get; }

    public ClientHistory History { get; }
}
