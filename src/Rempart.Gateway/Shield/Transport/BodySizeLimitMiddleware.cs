using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Rempart.Gateway.Events;
using Rempart.Gateway.Pipeline;

namespace Rempart.Gateway.Shield.Transport;

/// <summary>
/// Per-route body size, right after route matching and before anything reads the body. A declared
/// Content-Length over the limit is answered 413 at once (the body is never read); a chunked body is
/// cut by Kestrel when it passes the limit, which the limit set here makes per-route.
/// </summary>
internal sealed class BodySizeLimitMiddleware(RequestDelegate next, ShieldMetrics metrics, EventBus events, TimeProvider time)
{
    public Task InvokeAsync(HttpContext context)
    {
        var feature = context.Features.GetRequiredFeature<GatewayRequestFeature>();
        var transport = feature.Model.Config.Shield.Transport;
        long? limit = feature.Route?.Config.MaxBodySize?.Bytes ?? (transport.Enabled ? transport.MaxBodySize.Bytes : null);
        if (limit is null)
        {
            return next(context);
        }

        if (context.Request.ContentLength > limit)
        {
            feature.Error = TransportLimits.MaxBodySize;
            metrics.LimitFired(TransportLimits.MaxBodySize);
            events.Publish(new TransportLimitFiredEvent(time.GetUtcNow(), TransportLimits.MaxBodySize, feature.ClientIp.ToString()));
            // The body stays unread; closing spares Kestrel draining it to reuse the connection.
            context.Response.OnStarting(static c => { ((HttpContext)c).Response.Headers.Connection = "close"; return Task.CompletedTask; }, context);
            return ErrorPageWriter.WriteAsync(context, StatusCodes.Status413PayloadTooLarge, "Request too large", "The request body is larger than this site accepts.");
        }

        if (context.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } size)
        {
            size.MaxRequestBodySize = limit;
        }

        return next(context);
    }
}
