using System.Collections.Concurrent;
using Rempart.Gateway.Configuration.Shield;

namespace Rempart.Gateway.Shield.OriginProtection;

/// <summary>
/// The live budget gates by name ("origin:NAME", "route:NAME"). A gate outlives reloads so that
/// in-flight counts and queues carry over; a reload only changes its limits. Names come from the
/// config, so the table is bounded by it.
/// </summary>
public sealed class BudgetRegistry(TimeProvider time)
{
    private readonly ConcurrentDictionary<string, BudgetGate> _gates = new(StringComparer.Ordinal);

    public IEnumerable<BudgetGate> Gates => _gates.Values;

    public BudgetGate For(string name, BudgetConfig config)
    {
        var gate = _gates.GetOrAdd(name, static (n, a) => new BudgetGate(n, a.config, a.time), (config, time));
        gate.Update(config);
        return gate;
    }
}
