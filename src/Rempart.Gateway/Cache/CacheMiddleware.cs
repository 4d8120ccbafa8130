using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Rempart.Caching;
using Rempart.Caching.Http;
using Rempart.Gateway.Pipeline;
using Rempart.Gateway.Shield;
using Rempart.Gateway.Shield.OriginProtection;

namespace Rempart.Gateway.Cache;

/// <summary>
/// The cache stage (after the WAF, before forwarding; docs/cache.md). Step 1: a route whose policy
/// is disabled passes through synchronously. Step 2: look up (the engine selects the variant and
/// coalesces concurrent misses). Step 3: a hit, stale hit, shared fill or only-if-cached 504 is
/// answered here; a stale-while-revalidate hit then refreshes in the background, if the origin budgets
/// have a free slot for it (<see cref="BackgroundBudget"/>). Step 4: anything
/// else goes to the origin with an <see cref="CacheExchange"/> on the feature, which sees the
/// origin's answer before the client does and tees a storable body into the store. Step 5: the
/// outcome goes to the access log and metrics.
/// </summary>
internal sealed class CacheMiddleware(RequestDelegate next, EdgeCache cache, BudgetRegistry budgets, ShieldMetrics shieldMetrics)
{
    public Task InvokeAsync(HttpContext context)
    {
        var feature = context.Features.GetRequiredFeature<GatewayRequestFeature>();
        var policy = feature.Route!.Cache;

        // Step 1: upgrades (WebSocket) are connections, not cacheable exchanges. As the server sees them:
        // a stray Upgrade header on a plain GET must not let a client skip the cache and reach the origin.
        return policy.Enabled && !UpgradeRequests.IsUpgrade(context) ? RunAsync(context, feature, policy) : next(context);
    }

    private async Task RunAsync(HttpContext context, GatewayRequestFeature feature, CachePolicyModel policy)
    {
        // Step 2: Accept-Encoding reduced to the one coding the edge answers with (one variant per coding).
        string? coding = null;
        var method = context.Request.Method;
        if (policy.Compression.Enabled && (HttpMethods.IsGet(method) || HttpMethods.IsHead(method)))
        {
            var headers = context.Request.Headers;
            coding = EdgeCompression.Negotiate(headers.AcceptEncoding);
            if (coding is null)
            {
                headers.Remove("Accept-Encoding");
            }
            else
            {
                headers.AcceptEncoding = coding;
            }
        }

        var body = context.Response.Body;
        var sentBefore = (body as CountingStream)?.Count ?? 0;
        var lookup = await cache.Engine.LookupAsync(RequestOf(context), policy.Policy, context.RequestAborted).ConfigureAwait(false);
        var owned = true;
        try
        {
            switch (lookup.Kind)
            {
                // Step 3
                case CacheLookupKind.Hit or CacheLookupKind.Stale or CacheLookupKind.Shared or CacheLookupKind.GatewayTimeout:
                    try
                    {
                        await ServedResponseWriter.WriteAsync(context, lookup.Response!, feature, body).ConfigureAwait(false);
                    }
                    finally
                    {
                        if (lookup.RevalidateInBackground)
                        {
                            if (BackgroundBudget.TryTake(budgets, shieldMetrics, feature.Route!) is { } slots)
                            {
                                owned = false;
                                cache.Revalidator.Start(lookup, slots, feature.Route!, feature.Model, HeaderList.From(new HeaderDictionaryView(context.Request.Headers)), feature.ForwardedFor, feature.RequestId);
                            }
                            else
                            {
                                // Disposing the lookup frees the key's refresh: a later stale hit tries again.
                                cache.Metrics.BackgroundRevalidation("budget_refused");
                            }
                        }
                    }

                    break;

                // Step 4
                default:
                    await ForwardAsync(context, feature, policy, lookup, body, coding).ConfigureAwait(false);
                    break;
            }
        }
        finally
        {
            // Step 5
            if (owned)
            {
                lookup.Dispose();
            }

            feature.CacheStatus = CacheMetrics.Name(lookup.Outcome);
            cache.Metrics.Request(feature.Route!.Name, lookup.Outcome, ((body as CountingStream)?.Count ?? 0) - sentBefore);
        }
    }

    private async Task ForwardAsync(HttpContext context, GatewayRequestFeature feature, CachePolicyModel policy, CacheLookup lookup, Stream body, string? coding)
    {
        var compressible = coding is not null && HttpMethods.IsGet(context.Request.Method);
        var tee = lookup.Kind is CacheLookupKind.Miss or CacheLookupKind.Revalidate || compressible ? new CacheTeeStream(body) : null;
        var exchange = new CacheExchange(cache, lookup, policy, feature, tee, body, compressible ? coding : null);
        feature.OriginHook = exchange;
        if (tee is not null)
        {
            context.Response.Body = tee;
        }

        var complete = false;
        try
        {
            await next(context).ConfigureAwait(false);
            complete = feature.Error is null && !context.RequestAborted.IsCancellationRequested;
        }
        finally
        {
            if (tee is not null)
            {
                context.Response.Body = body;
            }

            feature.OriginHook = null;
            await exchange.CompleteAsync(complete).ConfigureAwait(false);
        }
    }

    /// <summary>The engine's view of the request: the target as received (percent-encoding untouched) and the headers.</summary>
    private static CacheRequest RequestOf(HttpContext context)
    {
        var request = context.Request;
        var (_, path, query) = RequestTarget.Of(context);
        return new CacheRequest(request.Method, request.Scheme, request.Host.Value ?? "", path, query, new HeaderDictionaryView(request.Headers));
    }
}
