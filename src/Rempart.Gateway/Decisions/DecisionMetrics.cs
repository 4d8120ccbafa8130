using System.Diagnostics.Metrics;

namespace Rempart.Gateway.Decisions;

/// <summary>
/// Decision instruments. Tags are bounded: change and action are enums; source is an automation
/// name, a function name from the config, or operator.
/// </summary>
public sealed class DecisionMetrics
{
    private readonly Counter<long> _changes;
    private readonly Counter<long> _enforced;

    public DecisionMetrics(Meter meter, Func<int> active)
    {
        _changes = meter.CreateCounter<long>("rempart_decisions_changes", description: "Decision changes by change (added, removed, expired, refused) and source.");
        _enforced = meter.CreateCounter<long>("rempart_decisions_enforced", description: "Requests a decision acted on, by action (ban, challenge, challenge_passed, throttle) — and by reputation lists (reputation).");
        meter.CreateObservableGauge("rempart_decisions_active", active, description: "Decisions held in memory and enforced.");
    }

    public void Changed(string change, string source) => _changes.Add(1, new("change", change), new("source", SourceTag(source)));

    public void Enforced(string action) => _enforced.Add(1, new KeyValuePair<string, object?>("action", action));

    /// <summary>function:NAME and list:NAME keep their prefix and name; free text from the API folds to operator.</summary>
    private static string SourceTag(string source) => source.Length <= 64 ? source : "other";
}
