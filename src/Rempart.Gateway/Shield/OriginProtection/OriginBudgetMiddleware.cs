using System.Globalization;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Rempart.Gateway.Pipeline;
using Rempart.Gateway.Waf.Challenge;

namespace Rempart.Gateway.Shield.OriginProtection;

/// <summary>
/// Origin protection, right before forwarding (after the WAF, so blocked requests spend no budget):
/// the route's budget, then its origin's. Over budget a request waits in the gate's short queue;
/// when that is full or the wait runs out it gets a branded 503 with Retry-After and never reaches
/// the origin. Whether a waiter is trusted (valid challenge token, or a good history) is only
/// worked out when a queue forms.
/// </summary>
internal sealed class OriginBudgetMiddleware(RequestDelegate next, BudgetRegistry budgets, ClientHistory history, ChallengeService challenges, ShieldMetrics metrics, TimeProvider time)
{
    private static readonly TimeSpan DefaultImmunity = TimeSpan.FromMinutes(5);

    public async Task InvokeAsync(HttpContext context)
    {
        var feature = context.Features.GetRequiredFeature<GatewayRequestFeature>();
        var route = feature.Route!;
        var routeBudget = route.Config.Budget;
        var originBudget = feature.Model.Config.Origins.TryGetValue(route.Origin.Name, out var origin) ? origin.Budget : null;
        if (routeBudget is null && originBudget is null)
        {
            await next(context).ConfigureAwait(false);
            return;
        }

        var first = routeBudget is null ? null : budgets.For("route:" + route.Name, routeBudget);
        var second = originBudget is null ? null : budgets.For("origin:" + route.Origin.Name, originBudget);
        bool? trusted = null;
        if (first is not null && !await AdmitAsync(context, feature, first, () => trusted ??= IsTrusted(context, feature)).ConfigureAwait(false))
        {
            return;
        }

        try
        {
            if (second is not null && !await AdmitAsync(context, feature, second, () => trusted ??= IsTrusted(context, feature)).ConfigureAwait(false))
            {
                return;
            }

            try
            {
                await next(context).ConfigureAwait(false);
            }
            finally
            {
                second?.Release();
                history.Record(feature.ClientIp, context.Response.StatusCode < 400);
            }
        }
        finally
        {
            first?.Release();
        }
    }

    private async Task<bool> AdmitAsync(HttpContext context, GatewayRequestFeature feature, BudgetGate gate, Func<bool> trusted)
    {
        var started = time.GetTimestamp();
        var prioritize = feature.Model.Config.Shield.OriginProtection.PrioritizeTrusted;
        BudgetOutcome outcome;
        try
        {
            // A queue forms only when the budget is spent; trust is computed lazily, then.
            outcome = await gate.AcquireAsync(prioritize && gate.Waiting + gate.InFlight > 0 && trusted(), context.RequestAborted).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            feature.Error = "client_abort";
            return false;
        }

        if (outcome == BudgetOutcome.Immediate)
        {
            metrics.BudgetAdmitted(gate.Name, queued: false);
            return true;
        }

        metrics.BudgetWaited(gate.Name, time.GetElapsedTime(started).TotalSeconds);
        if (outcome == BudgetOutcome.Queued)
        {
            metrics.BudgetAdmitted(gate.Name, queued: true);
            return true;
        }

        var reason = outcome == BudgetOutcome.QueueFull ? "queue_full" : "queue_timeout";
        metrics.BudgetRejected(gate.Name, reason);
        feature.Error = "budget_" + reason;
        var retryAfter = feature.Model.Config.Shield.OriginProtection.RetryAfter;
        await ErrorPageWriter.WriteAsync(context, StatusCodes.Status503ServiceUnavailable, "Busy", "The site is receiving more requests than it can take right now. Please try again in a few seconds.",
            retryAfter: Math.Max(1, (int)Math.Ceiling(retryAfter.TotalSeconds)).ToString(CultureInfo.InvariantCulture)).ConfigureAwait(false);
        return false;
    }

    private bool IsTrusted(HttpContext context, GatewayRequestFeature feature) =>
        history.IsGood(feature.ClientIp)
        || challenges.IsValid(context.Request.Cookies[ChallengeService.CookieName], feature.ClientIp, context.Request.Headers.UserAgent.ToString(), feature.Route?.WebAcl?.ChallengeImmunity ?? DefaultImmunity);
}
