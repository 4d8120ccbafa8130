using Microsoft.AspNetCore.Connections.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Rempart.Gateway.Pipeline;
using Rempart.Gateway.Shield.Detection;
using Rempart.Gateway.Shield.Mitigation;
using Rempart.Gateway.Waf.Challenge;
using Rempart.Gateway.Waf.Tls;

namespace Rempart.Gateway.Shield;

/// <summary>
/// Attack detection's sensor and mitigation's enforcer, right after route matching.
/// Step 1: no route or no monitor → next. Step 2: the request's key (source, user agent, JA4,
/// header order) against the route's applied signatures and the transport monitor's. Step 3:
/// under-attack mode or a challenge signature → the challenge page unless the client holds a
/// valid challenge token; block → 403; rate limit → 429 with Retry-After. Step 4: after the
/// later stages answered, one observation (status, origin latency, WAF signal, outcome) updates
/// the route's counters — a few table updates under the route's lock, no event per request.
/// </summary>
internal sealed class AttackMitigationMiddleware(RequestDelegate next, AttackShield shield, ChallengeService challenges, TimeProvider time)
{
    public Task InvokeAsync(HttpContext context)
    {
        // Step 1
        var feature = context.Features.GetRequiredFeature<GatewayRequestFeature>();
        if (feature.Route is not { } route || shield.Detector.For(route.Name) is not { } monitor)
        {
            return next(context);
        }

        // Step 2
        var request = context.Request;
        var ua = request.Headers.UserAgent;
        var userAgent = ua.Count == 0 ? null : ua.Count == 1 ? ua[0] : ua.ToString();
        var ja4 = context.Features.Get<IConnectionItemsFeature>()?.Items.TryGetValue(TlsFingerprintFeature.ItemKey, out var f) == true ? (f as TlsFingerprintFeature)?.Ja4 : null;
        var key = new RequestKey(AddressKey.Of(feature.ClientIp), userAgent, ja4, HeaderOrderHash(feature, request.Headers));
        var now = time.GetUtcNow();
        var verdict = monitor.Check(key, now);
        var transport = shield.Detector.Transport.Check(key, now);
        if (transport > verdict)
        {
            verdict = transport;
        }

        // Step 3
        var settings = monitor.Mitigation;
        if ((verdict == MitigationVerdict.Challenge || (verdict < MitigationVerdict.Challenge && shield.UnderAttack(monitor)))
            && !challenges.IsValid(request.Cookies[ChallengeService.CookieName], feature.ClientIp, userAgent ?? "", settings.ChallengeImmunity))
        {
            return AnswerAsync(context, monitor, key, RequestOutcome.Challenged, WriteChallengeAsync(context, feature, userAgent ?? "", settings));
        }

        switch (verdict)
        {
            case MitigationVerdict.Block:
                return AnswerAsync(context, monitor, key, RequestOutcome.Dropped,
                    ErrorPageWriter.WriteAsync(context, StatusCodes.Status403Forbidden, "Request blocked", "This request matches an attack the site is under and was blocked. If you think this is a mistake, contact the site owner with the reference below."));
            case MitigationVerdict.RateLimited:
                return AnswerAsync(context, monitor, key, RequestOutcome.Dropped,
                    ErrorPageWriter.WriteAsync(context, StatusCodes.Status429TooManyRequests, "Too many requests", "This client is sending more requests than the site accepts while it is under attack. Slow down and retry.", retryAfter: "1"));
        }

        return PassAsync(context, feature, monitor, key, verdict == MitigationVerdict.Count ? RequestOutcome.Counted : RequestOutcome.Passed);
    }

    private async Task PassAsync(HttpContext context, GatewayRequestFeature feature, RouteMonitor monitor, RequestKey key, RequestOutcome outcome)
    {
        try
        {
            await next(context).ConfigureAwait(false);
        }
        finally
        {
            // Step 4
            Observe(context, feature, monitor, key, outcome);
        }
    }

    private async Task AnswerAsync(HttpContext context, RouteMonitor monitor, RequestKey key, RequestOutcome outcome, Task answer)
    {
        var feature = context.Features.GetRequiredFeature<GatewayRequestFeature>();
        feature.Error ??= outcome == RequestOutcome.Challenged ? "shield_challenge" : "shield_mitigation";
        await answer.ConfigureAwait(false);
        Observe(context, feature, monitor, key, outcome);
    }

    private void Observe(HttpContext context, GatewayRequestFeature feature, RouteMonitor monitor, RequestKey key, RequestOutcome outcome)
    {
        var request = context.Request;
        monitor.Record(new TrafficObservation(
            key.Source,
            request.Path.Value ?? "/",
            request.QueryString.HasValue,
            request.QueryString.HasValue ? string.GetHashCode(request.QueryString.Value, StringComparison.Ordinal) : 0,
            key.UserAgent,
            key.Ja4,
            key.HeaderOrderHash,
            context.Response.StatusCode,
            feature.OriginDuration?.TotalMilliseconds ?? double.NaN,
            WafSignalOf(feature),
            outcome));
        if (monitor.AttackOpen)
        {
            shield.Metrics.Request(monitor.Route, outcome);
        }
    }

    private Task WriteChallengeAsync(HttpContext context, GatewayRequestFeature feature, string userAgent, MitigationSettings settings) =>
        ChallengeResponse.WriteAsync(context, challenges, feature, userAgent, settings.ChallengeDifficulty, settings.ChallengeImmunity);

    /// <summary>The WAF's verdict and labels folded into the classes a campaign is made of.</summary>
    private static WafSignal WafSignalOf(GatewayRequestFeature feature)
    {
        var signal = WafSignal.None;
        if (feature.Labels is { Count: > 0 } labels)
        {
            foreach (var label in labels)
            {
                if (label.Contains("sqli", StringComparison.Ordinal))
                {
                    signal |= WafSignal.Sqli;
                }
                else if (label.Contains("xss", StringComparison.Ordinal))
                {
                    signal |= WafSignal.Xss;
                }
                else if (label.Contains("scanner", StringComparison.Ordinal) || label.Contains("sensitive-files", StringComparison.Ordinal) || label.Contains("path-traversal", StringComparison.Ordinal))
                {
                    signal |= WafSignal.Scanner;
                }
            }
        }

        if (signal == WafSignal.None && feature.WafVerdict is "block" or "challenge")
        {
            signal = WafSignal.Other;
        }

        return signal;
    }

    /// <summary>
    /// A hash of the header names in arrival order — the observation the WAF's <c>header_order</c>
    /// field reads too. Where none was made (HTTP/2), the order the server enumerates them in.
    /// </summary>
    private static int HeaderOrderHash(GatewayRequestFeature feature, IHeaderDictionary headers)
    {
        if (feature.HeaderOrder is { } observed)
        {
            return string.GetHashCode(observed, StringComparison.Ordinal);
        }

        var hash = new HashCode();
        foreach (var header in headers)
        {
            hash.Add(header.Key, StringComparer.OrdinalIgnoreCase);
        }

        return hash.ToHashCode();
    }
}
