using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Rempart.Gateway.Pipeline;
using Rempart.Gateway.Waf.Challenge;
using Rempart.Gateway.Waf.Statements;

namespace Rempart.Gateway.Decisions;

/// <summary>
/// Shield's decision stage, right after ClientIdentity: the cheapest refusal first. Step 1: no
/// decision and no reputation list → next (one empty check); a client on the allow list → next
/// (asked once, of the request's snapshot). Step 2: a client in a blocking
/// reputation list → 403. Step 3: the most specific active decision covering the client: ban → 403
/// block page with the request id; challenge → the WAF's proof-of-work page until a valid token;
/// throttle → 429 above <c>throttle_per_minute</c>. The access log's <c>decision</c> field and
/// <c>rempart_decisions_enforced_total</c> record what was done. Never on the admin listener.
/// </summary>
internal sealed class DecisionMiddleware(RequestDelegate next, DecisionService decisions, Automations.ReputationLists reputation, ChallengeService challenges, RateCounterStore rates)
{
    private const string ThrottleCounter = "rempart:decision-throttle";

    public Task InvokeAsync(HttpContext context)
    {
        // Step 1
        var reputationSet = reputation.Blocking;
        if (decisions.Index.IsEmpty && reputationSet is null)
        {
            return next(context);
        }

        var feature = context.Features.GetRequiredFeature<GatewayRequestFeature>();
        if (feature.IsAllowListed())
        {
            return next(context);
        }

        // Step 2
        if (reputationSet is not null && reputationSet.Contains(feature.ClientIp))
        {
            feature.Decision = "reputation";
            decisions.Metrics.Enforced("reputation");
            return Refuse(context);
        }

        // Step 3
        var decision = decisions.Match(feature.ClientIp, feature.Model.Decisions);
        if (decision is null)
        {
            return next(context);
        }

        switch (decision.Action)
        {
            case DecisionAction.Ban:
                feature.Decision = "ban:" + decision.Id;
                decisions.Metrics.Enforced("ban");
                return Refuse(context);
            case DecisionAction.Challenge:
                return Challenge(context, feature, decision);
            default:
                return Throttle(context, feature, decision);
        }
    }

    private static Task Refuse(HttpContext context) =>
        ErrorPageWriter.WriteAsync(context, StatusCodes.Status403Forbidden, "Access denied",
            "Requests from your address are refused for now. If you think this is a mistake, contact the site owner with the reference below.");

    private Task Challenge(HttpContext context, GatewayRequestFeature feature, ActiveDecision decision)
    {
        var policy = feature.Model.Decisions;
        var userAgent = context.Request.Headers.UserAgent.ToString();
        if (challenges.IsValid(context.Request.Cookies[ChallengeService.CookieName], feature.ClientIp, userAgent, policy.ChallengeImmunity))
        {
            feature.Decision = "challenge_passed:" + decision.Id;
            decisions.Metrics.Enforced("challenge_passed");
            return next(context);
        }

        feature.Decision = "challenge:" + decision.Id;
        decisions.Metrics.Enforced("challenge");
        return ChallengeResponse.WriteAsync(context, challenges, feature, userAgent, policy.ChallengeDifficulty, policy.ChallengeImmunity);
    }

    private Task Throttle(HttpContext context, GatewayRequestFeature feature, ActiveDecision decision)
    {
        var limit = feature.Model.Decisions.ThrottlePerMinute;
        if (rates.Increment(ThrottleCounter, feature.ClientIp.ToString(), TimeSpan.FromMinutes(1)) <= limit)
        {
            return next(context);
        }

        feature.Decision = "throttle:" + decision.Id;
        decisions.Metrics.Enforced("throttle");
        return ErrorPageWriter.WriteAsync(context, StatusCodes.Status429TooManyRequests, "Too many requests",
            "Your address may send only a limited number of requests for now. Wait a minute and try again.", retryAfter: "60");
    }
}
