using System.Globalization;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Rempart.Gateway.Pipeline;
using Rempart.Gateway.Waf.Challenge;

namespace Rempart.Gateway.Shield.OriginProtection;

/// <summary>
/// Origin protection, right before forwarding (after the WAF, so blocked requests spend no budget).
/// Step 1: a route without a budget plan (resolved at load) → next, synchronously. Step 2: the
/// route's gate, then its origin's: a free slot is taken under the gate's lock without anything
/// else being worked out. Step 3: only a request that must wait learns whether it is trusted (valid
/// challenge token, or a good history) and waits in the gate's short queue; when that is full or
/// the wait runs out it gets a branded 503 with Retry-After and never reaches the origin. Step 4:
/// the slots are released and the answer goes into the client's history.
/// </summary>
internal sealed class OriginBudgetMiddleware(RequestDelegate next, BudgetRegistry budgets, ClientHistory history, ChallengeService challenges, ShieldMetrics metrics, TimeProvider time)
{
    private static readonly TimeSpan DefaultImmunity = TimeSpan.FromMinutes(5);

    public Task InvokeAsync(HttpContext context)
    {
        // Step 1
        var feature = context.Features.GetRequiredFeature<GatewayRequestFeature>();
        return feature.Route?.Budgets is { } plan ? GuardAsync(context, feature, plan) : next(context);
    }

    private async Task GuardAsync(HttpContext context, GatewayRequestFeature feature, BudgetPlan plan)
    {
        // Step 2
        var first = plan.Route is null ? null : budgets.For(plan.RouteGate, plan.Route);
        var second = plan.Origin is null ? null : budgets.For(plan.OriginGate, plan.Origin);
        if (first is not null && !(TryEnter(first) || await WaitAsync(context, feature, first).ConfigureAwait(false)))
        {
            return;
        }

        try
        {
            if (second is not null && !(TryEnter(second) || await WaitAsync(context, feature, second).ConfigureAwait(false)))
            {
                return;
            }

            try
            {
                await next(context).ConfigureAwait(false);
            }
            finally
            {
                // Step 4
                second?.Release();
                history.Record(feature.ClientIp, context.Response.StatusCode < 400);
            }
        }
        finally
        {
            first?.Release();
        }
    }

    private bool TryEnter(BudgetGate gate)
    {
        if (!gate.TryEnter())
        {
            return false;
        }

        metrics.BudgetAdmitted(gate.Name, queued: false);
        return true;
    }

    // Step 3
    private async Task<bool> WaitAsync(HttpContext context, GatewayRequestFeature feature, BudgetGate gate)
    {
        var started = time.GetTimestamp();
        var trusted = feature.Model.Config.Shield.OriginProtection.PrioritizeTrusted && IsTrusted(context, feature);
        BudgetOutcome outcome;
        try
        {
            outcome = await gate.AcquireAsync(trusted, context.RequestAborted).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            feature.Error = "client_abort";
            return false;
        }

        if (outcome == BudgetOutcome.Immediate)
        {
            metrics.BudgetAdmitted(gate.Name, queued: false); // room was made while trust was worked out
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
