using Rempart.Gateway.Model;
using Rempart.Gateway.Shield;
using Rempart.Gateway.Shield.OriginProtection;

namespace Rempart.Gateway.Cache;

/// <summary>
/// The origin budget slots (route's, then origin's) a background refresh holds while it talks to the
/// origin: the cache's own requests count against the same budgets as the clients' misses. A refresh
/// never queues — nobody waits for it, and it must not delay or displace a client's request — so when
/// a budget has no free slot right now the refresh is skipped, the stale entry goes on being served
/// within its stale-while-revalidate window, and the refusal is counted
/// (<c>rempart_shield_budget_rejected_total{reason="background"}</c>).
/// </summary>
internal sealed class BackgroundBudget : IDisposable
{
    private readonly BudgetGate? _route;
    private readonly BudgetGate? _origin;

    private BackgroundBudget(BudgetGate? route, BudgetGate? origin)
    {
        _route = route;
        _origin = origin;
    }

    /// <summary>Slots on every budget of <paramref name="route"/>; null (nothing held) when one of them is full.</summary>
    public static BackgroundBudget? TryTake(BudgetRegistry budgets, ShieldMetrics metrics, RouteModel route)
    {
        if (route.Budgets is not { } plan)
        {
            return new BackgroundBudget(null, null);
        }

        var routeGate = plan.Route is null ? null : budgets.For(plan.RouteGate, plan.Route);
        if (!TryTake(routeGate, metrics))
        {
            return null;
        }

        var originGate = plan.Origin is null ? null : budgets.For(plan.OriginGate, plan.Origin);
        if (!TryTake(originGate, metrics))
        {
            routeGate?.Release();
            return null;
        }

        return new BackgroundBudget(routeGate, originGate);
    }

    private static bool TryTake(BudgetGate? gate, ShieldMetrics metrics)
    {
        if (gate is null)
        {
            return true;
        }

        if (gate.TryEnter())
        {
            metrics.BudgetAdmitted(gate.Name, queued: false);
            return true;
        }

        metrics.BudgetRejected(gate.Name, "background");
        return false;
    }

    public void Dispose()
    {
        _origin?.Release();
        _route?.Release();
    }
}
