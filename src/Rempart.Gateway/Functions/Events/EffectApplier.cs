using Microsoft.Extensions.Logging;
using Rempart.Gateway.Decisions;
using Rempart.Gateway.Notifications;
using Rempart.Gateway.Waf.IpSets;

namespace Rempart.Gateway.Functions.Events;

/// <summary>
/// Applies an invocation's effects through the gateway's own services, so a function's decision is
/// refused for the same reasons an operator's would be (too broad, a trusted proxy, allow-listed,
/// over the cap — each a decision_refused event) and is audited with the actor <c>function:NAME</c>.
/// </summary>
public sealed partial class EffectApplier(DecisionService decisions, RuntimeIpSets ipSets, NotificationService? notifications, FunctionMetrics metrics, ILogger logger)
{
    public async Task ApplyAsync(string function, FunctionEffects effects, CancellationToken cancellationToken = default)
    {
        var actor = EventFunctionHost.Actor(function);
        foreach (var d in effects.Decisions)
        {
            var outcome = await decisions.AddAsync(new DecisionRequest(d.Scope, d.Action, d.Duration, d.Reason, actor), actor, cancellationToken).ConfigureAwait(false);
            metrics.Effect(function, "decision_added", !outcome.Accepted ? "refused" : outcome.Unchanged ? "unchanged" : "applied");
        }

        foreach (var r in effects.Removals)
        {
            // A function lifts only what functions of its own name decided: never an operator's ban.
            var held = decisions.Index.ById(r.Scope) ?? (DecisionScope.TryParse(r.Scope, out var parsed, out _) ? decisions.Index.ByScope(parsed.Text) : null);
            if (held is not null && held.Record.Source != actor)
            {
                metrics.Effect(function, "decision_removed", "refused");
                LogRemovalRefused(logger, function, held.Record.Scope, held.Record.Source);
                continue;
            }

            var removed = held is null ? null : await decisions.RemoveAsync(held.Id, actor, r.Reason, cancellationToken).ConfigureAwait(false);
            metrics.Effect(function, "decision_removed", removed is null ? "unchanged" : "applied");
        }

        foreach (var i in effects.IpSets)
        {
            if (i.Add && decisions.CheckScope(i.Cidr, actor) is { } refusal)
            {
                // An IP-set entry blocks like a ban: no wider, and never a trusted proxy or an allow-listed client.
                metrics.Effect(function, "ip_set_added", "refused");
                LogIpSetRefused(logger, function, i.Set, refusal.Problem ?? "refused");
                continue;
            }

            if (i.Add)
            {
                var added = await ipSets.AddAsync(i.Set, i.Cidr, i.Duration, actor, cancellationToken).ConfigureAwait(false);
                metrics.Effect(function, "ip_set_added", added ? "applied" : "refused");
                if (!added)
                {
                    LogIpSetFull(logger, function, i.Set, RuntimeIpSets.MaxEntriesPerSet);
                }
            }
            else
            {
                var removed = await ipSets.RemoveAsync(i.Set, i.Cidr, actor, cancellationToken).ConfigureAwait(false);
                metrics.Effect(function, "ip_set_removed", removed ? "applied" : "unchanged");
            }
        }

        foreach (var n in effects.Notifications)
        {
            var sent = notifications?.Notify(new Notification(function, n.Title) { Text = n.Text, Severity = n.Severity, Fields = n.Fields, Channels = n.Channels }) == true;
            metrics.Effect(function, "notification", sent ? "applied" : "refused");
        }
    }

    [LoggerMessage(EventId = 1703, Level = LogLevel.Warning, Message = "Event function {Function} may not lift {Scope}: it was decided by {Source}, and a function lifts only its own decisions")]
    private static partial void LogRemovalRefused(ILogger logger, string function, string scope, string source);

    [LoggerMessage(EventId = 1704, Level = LogLevel.Warning, Message = "Event function {Function} may not add to IP set {Set}: {Problem}")]
    private static partial void LogIpSetRefused(ILogger logger, string function, string set, string problem);

    [LoggerMessage(EventId = 1702, Level = LogLevel.Warning, Message = "Event function {Function} could not add to IP set {Set}: it holds {Max} run-time entries already")]
    private static partial void LogIpSetFull(ILogger logger, string function, string set, int max);
}
