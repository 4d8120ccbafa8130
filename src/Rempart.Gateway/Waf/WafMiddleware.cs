using System.Buffers;
using System.Net;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Rempart.Gateway.Events;
using Rempart.Gateway.Pipeline;
using Rempart.Gateway.Waf.Challenge;

namespace Rempart.Gateway.Waf;

/// <summary>
/// The WAF stage: runs the route's web ACL. Step 1: no ACL (web_acl: none) → next. Step 2: when a
/// rule inspects the body, read its start (up to body_limit) and put it back in front of the rest
/// of the stream. Step 3: evaluate. Step 4: record verdict, labels, metrics and samples. Step 5:
/// allow/count → next (with inserted headers); block → block page and RequestBlockedEvent;
/// challenge → challenge page (202). Step 6 (SecLang groups only): phases 3–4 on the response, which a block
/// replaces with the block page; phase 5 once the request is done.
/// </summary>
internal sealed class WafMiddleware(RequestDelegate next, WafMetrics metrics, WafSampler sampler, ChallengeService challenges, EventBus events, TimeProvider time, SecLang.SecLangCollections collections)
{
    public Task InvokeAsync(HttpContext context)
    {
        var feature = context.Features.GetRequiredFeature<GatewayRequestFeature>();

        // Step 1
        var acl = feature.Route?.WebAcl;
        return acl is null ? next(context) : InspectAsync(context, feature, acl);
    }

    private async Task InspectAsync(HttpContext context, GatewayRequestFeature feature, WebAclModel acl)
    {
        // Step 2
        var (body, oversize) = acl.NeedsBody ? await ReadBodyStartAsync(context, acl.BodyLimit).ConfigureAwait(false) : (ReadOnlyMemory<byte>.Empty, false);
        if (oversize)
        {
            metrics.BodyOversize(acl.Name);
        }

        // Step 3
        var request = context.Request;
        var target = RequestTarget.Of(context);
        var rawTarget = target.Text;
        var headers = new List<KeyValuePair<string, string>>(request.Headers.Count);
        foreach (var (name, values) in request.Headers)
        {
            headers.Add(new(name, values.ToString()));
        }

        var userAgent = request.Headers.UserAgent.ToString();
        var fingerprint = context.Features.Get<Microsoft.AspNetCore.Connections.Features.IConnectionItemsFeature>()?.Items.TryGetValue(Tls.TlsFingerprintFeature.ItemKey, out var f) == true
            ? f as Tls.TlsFingerprintFeature
            : null;
        var wafRequest = new WafRequest
        {
            Method = request.Method,
            Path = target.Path,
            QueryString = target.Query ?? "",
            RequestLineTarget = context.Features.Get<IHttpRequestFeature>()?.RawTarget,
            Headers = headers,
            ClientIp = feature.ClientIp,
            Body = body,
            BodyOversize = oversize,
            RequestId = feature.RequestId,
            Protocol = request.Protocol,
            ClientPort = context.Connection.RemotePort,
            ServerAddress = context.Connection.LocalIpAddress?.ToString() ?? "",
            ServerPort = context.Connection.LocalPort,
            Ja3Fingerprint = fingerprint?.Ja3,
            Ja4Fingerprint = fingerprint?.Ja4,
            HeaderOrder = acl.UsesHeaderOrder ? feature.HeaderOrder : null,
        };
        var evaluation = new WafEvaluationContext(wafRequest, acl.Budget) { SecLangCollections = collections, Clock = time };
        var tokenValid = challenges.IsValid(request.Cookies[ChallengeService.CookieName], feature.ClientIp, userAgent, acl.ChallengeImmunity);
        var verdict = WafEvaluator.Evaluate(acl, evaluation, tokenValid);
        evaluation.Release();

        // Step 4
        feature.WafVerdict = verdict.Name;
        feature.WafRule = verdict.TerminatingRule;
        feature.Labels = [.. verdict.Labels];
        metrics.Evaluated(acl.Name, verdict.Name);
        Record(acl, verdict, feature, request, rawTarget);

        // Step 5
        try
        {
            switch (verdict.Action.Kind)
            {
                case WafActionKind.Block:
                    events.Publish(Blocked(feature, request, rawTarget, acl, verdict));
                    await WriteBlockAsync(context, verdict.Action, feature).ConfigureAwait(false);
                    return;
                case WafActionKind.Challenge:
                    events.Publish(Blocked(feature, request, rawTarget, acl, verdict));
                    await WriteChallengeAsync(context, verdict.Action, acl, feature, userAgent).ConfigureAwait(false);
                    return;
            }

            if (verdict.Action.Headers is { } insert)
            {
                foreach (var (name, value) in insert)
                {
                    request.Headers[name] = value;
                }
            }

            if (evaluation.SecLangRuns is { } runs && acl.InspectsResponse && !UpgradeRequests.IsUpgrade(context))
            {
                await NextWithResponsePhasesAsync(context, feature, acl, verdict, runs, rawTarget).ConfigureAwait(false);
                return;
            }

            await next(context).ConfigureAwait(false);
        }
        finally
        {
            // Phase 5 (logging, persistent collections) for every SecLang group that ran.
            if (evaluation.SecLangRuns is { } ran)
            {
                foreach (var run in ran)
                {
                    run.Finish();
                }
            }
        }
    }

    /// <summary>
    /// SecLang phases 3–4: the response goes through <see cref="SecLang.SecLangResponseInspector"/>, which holds it
    /// until the rules decided; a block replaces it with the block page (nothing of the origin's answer was sent).
    /// </summary>
    private async Task NextWithResponsePhasesAsync(HttpContext context, GatewayRequestFeature feature, WebAclModel acl, WafVerdict verdict, List<SecLang.SecLangRun> runs, string rawTarget)
    {
        var original = context.Features.GetRequiredFeature<IHttpResponseBodyFeature>();
        var labels = feature.Labels ??= [];
        var inspector = new SecLang.SecLangResponseInspector(context, original, runs, label =>
        {
            if (!labels.Contains(label))
            {
                labels.Add(label);
            }
        });
        context.Features.Set<IHttpResponseBodyFeature>(inspector);
        try
        {
            await next(context).ConfigureAwait(false);
            await inspector.FinishAsync().ConfigureAwait(false);
        }
        finally
        {
            context.Features.Set(original);
        }

        if (inspector.Matches.Count == 0)
        {
            return;
        }

        var outcome = new WafVerdict(inspector.Block ?? verdict.Action, inspector.BlockingRule ?? verdict.TerminatingRule, labels, [.. verdict.Matches, .. inspector.Matches]);
        Record(acl, outcome with { Matches = inspector.Matches }, feature, context.Request, rawTarget);
        if (inspector.Block is { } block && !context.Response.HasStarted)
        {
            feature.WafVerdict = outcome.Name;
            feature.WafRule = outcome.TerminatingRule;
            metrics.Evaluated(acl.Name, "block_response");
            events.Publish(Blocked(feature, context.Request, rawTarget, acl, outcome));
            context.Response.Clear();
            await WriteBlockAsync(context, block, feature).ConfigureAwait(false);
        }
    }

    private void Record(WebAclModel acl, WafVerdict verdict, GatewayRequestFeature feature, HttpRequest request, string uri)
    {
        if (verdict.Matches.Count == 0)
        {
            return;
        }

        var rules = acl.RulesById;
        foreach (var match in verdict.Matches)
        {
            rules.TryGetValue(match.RuleId, out var rule);
            if (rule?.Metrics != false)
            {
                metrics.Matched(acl.Name, match.RuleId, match.Action);
            }

            if (rule?.Sampled != false)
            {
                var d = match.Detail;
                sampler.Add(acl.Name, match.RuleId, new WafSample(time.GetUtcNow(), feature.RequestId, feature.ClientIp.ToString(), request.Method, uri, match.Action, d?.Field, d?.Value, d?.Transforms, d?.Detail, verdict.Labels));
            }
        }
    }

    private RequestBlockedEvent Blocked(GatewayRequestFeature feature, HttpRequest request, string uri, WebAclModel acl, WafVerdict verdict) =>
        new(time.GetUtcNow(), feature.RequestId, feature.ClientIp, request.Method, request.Host.Value ?? "", uri, feature.Route?.Name, acl.Name, verdict.Name, verdict.TerminatingRule, verdict.Matches, verdict.Labels);

    private static async Task WriteBlockAsync(HttpContext context, WafAction action, GatewayRequestFeature feature)
    {
        if (action.BlockBody is { } custom)
        {
            var response = context.Response;
            response.Clear();
            response.StatusCode = action.BlockStatus;
            response.ContentType = custom.ContentType;
            response.Headers.CacheControl = "no-store";
            response.Headers[feature.Model.ClientIp.RequestIdHeader] = feature.RequestId;
            AddHeaders(response, action);
            await response.WriteAsync(custom.Content.Replace("{{reference}}", WebUtility.HtmlEncode(feature.RequestId), StringComparison.Ordinal)).ConfigureAwait(false);
            return;
        }

        AddHeaders(context.Response, action);
        await ErrorPageWriter.WriteAsync(context, action.BlockStatus, "Request blocked", "This request was blocked by the site's security rules. If you think this is a mistake, contact the site owner with the reference below.").ConfigureAwait(false);
    }

    private static void AddHeaders(HttpResponse response, WafAction action)
    {
        foreach (var (name, value) in action.Headers ?? new Dictionary<string, string>())
        {
            response.Headers[name] = value;
        }
    }

    private Task WriteChallengeAsync(HttpContext context, WafAction action, WebAclModel acl, GatewayRequestFeature feature, string userAgent) =>
        ChallengeResponse.WriteAsync(context, challenges, feature, userAgent, action.ChallengeDifficulty, acl.ChallengeImmunity);

    /// <summary>Reads at most <paramref name="limit"/> bytes; one more byte tells whether the body is larger.</summary>
    private static async Task<(ReadOnlyMemory<byte> Body, bool Oversize)> ReadBodyStartAsync(HttpContext context, int limit)
    {
        if (context.Features.Get<IHttpRequestBodyDetectionFeature>()?.CanHaveBody != true)
        {
            return (ReadOnlyMemory<byte>.Empty, false);
        }

        var declared = context.Request.ContentLength;
        var size = (int)Math.Min(limit + 1L, declared is { } d ? d : limit + 1L);
        var buffer = new byte[size];
        var read = 0;
        var original = context.Request.Body;
        while (read < size)
        {
            var n = await original.ReadAsync(buffer.AsMemory(read, size - read), context.RequestAborted).ConfigureAwait(false);
            if (n == 0)
            {
                break;
            }

            read += n;
        }

        var oversize = read > limit;
        context.Request.Body = new BodyReplayStream(buffer, read, original);
        return (buffer.AsMemory(0, Math.Min(read, limit)), oversize);
    }
}
