using Rempart.Gateway.Configuration;
using Rempart.Gateway.Configuration.Shield;

namespace Rempart.Gateway.Shield.OriginProtection;

/// <summary>
/// The budgets a route's requests pass, resolved when the config is compiled: the route's own, then
/// its origin's, each with the name of its gate ("route:NAME", "origin:NAME" — also the metrics'
/// <c>budget</c> tag). A route with neither has no plan, and its requests skip the stage.
/// </summary>
public sealed class BudgetPlan
{
    private BudgetPlan(string routeGate, BudgetConfig? route, string originGate, BudgetConfig? origin)
    {
        RouteGate = routeGate;
        Route = route;
        OriginGate = originGate;
        Origin = origin;
    }

    public string RouteGate { get; }

    public BudgetConfig? Route { get; }

    public string OriginGate { get; }

    public BudgetConfig? Origin { get; }

    /// <summary>The plan of a route forwarding to <paramref name="originName"/> (a pool, or a group that has no budget of its own); null when nothing applies.</summary>
    public static BudgetPlan? For(string routeName, RouteConfig route, string originName, GatewayConfig config)
    {
        var origin = config.Origins.TryGetValue(originName, out var o) ? o.Budget : null;
        return route.Budget is null && origin is null ? null : new BudgetPlan("route:" + routeName, route.Budget, "origin:" + originName, origin);
    }
}
