using System.Collections.Frozen;
using Rempart.Gateway.Events;

namespace Rempart.Gateway.Functions.Events;

/// <summary>
/// Which events an event function receives (its <c>subscribe:</c>). It runs on the publishing
/// thread — often a request's — so it is a few set lookups. A label in the filter matches an
/// event's label when equal, or, ending in ':', as a namespace prefix (AWS WAF's label matching:
/// <c>rempart:sqli:</c> matches every SQLi label). An event the function itself caused (its own
/// decisions, failures, caps) never reaches it: a function cannot feed itself in a loop.
/// </summary>
public sealed class EventFilter(string function, FrozenSet<string> types, string[] labels, FrozenSet<string> routes)
{
    private readonly string _actor = EventFunctionHost.Actor(function);

    public bool Matches(GatewayEvent e)
    {
        if (types.Count > 0 && !types.Contains(e.Type))
        {
            return false;
        }

        if (CausedBySelf(e) || e is FunctionFailedEvent { Cascade: true } or FunctionCappedEvent { Cascade: true } or FunctionDeadLetteredEvent { Cascade: true })
        {
            return false;
        }

        if (routes.Count > 0 && (RouteOf(e) is not { } route || !routes.Contains(route)))
        {
            return false;
        }

        return labels.Length == 0 || (e is RequestBlockedEvent blocked && AnyLabel(blocked.Labels));
    }

    private bool CausedBySelf(GatewayEvent e) => e switch
    {
        DecisionAddedEvent d => d.Source == _actor,
        DecisionRemovedEvent d => d.Actor == _actor,
        DecisionRefusedEvent d => d.Source == _actor,
        FunctionFailedEvent f => f.Function == function,
        FunctionCappedEvent f => f.Function == function,
        FunctionDeadLetteredEvent f => f.Function == function,
        _ => false,
    };

    private static string? RouteOf(GatewayEvent e) => e switch
    {
        RequestBlockedEvent b => b.Route,
        RequestCompletedEvent c => c.Route,
        _ => null,
    };

    private bool AnyLabel(IReadOnlyList<string> eventLabels)
    {
        foreach (var wanted in labels)
        {
            var prefix = wanted.EndsWith(':');
            foreach (var label in eventLabels)
            {
                if (prefix ? label.StartsWith(wanted, StringComparison.Ordinal) : label == wanted)
                {
                    return true;
                }
            }
        }

        return false;
    }
}
