using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.Logging;
using Rempart.Gateway.Events;
using Rempart.Gateway.Model;
using Rempart.Gateway.Observability;

namespace Rempart.Gateway.Pipeline;

/// <summary>
/// The outermost stage. Step 1: take the current config snapshot, create the request's
/// <see cref="GatewayRequestFeature"/> and take the observed header order when one is kept. Step 2: count body bytes in and out. Step 3: run the
/// pipeline, turning an unexpected exception into a branded 500. Step 4: record metrics, the access
/// log line and (when subscribed) a <see cref="RequestCompletedEvent"/>.
/// </summary>
internal sealed partial class RequestLifecycleMiddleware(
    RequestDelegate next,
    GatewayState state,
    GatewayMetrics metrics,
    AccessLogWriter accessLog,
    EventBus events,
    TimeProvider time,
    ILogger<RequestLifecycleMiddleware> logger)
{
    public async Task InvokeAsync(HttpContext context)
    {
        // Step 1
        var model = state.Current;
        var feature = new GatewayRequestFeature(model, time.GetTimestamp());
        context.Features.Set(feature);
        if (model.ObservesHeaderOrder)
        {
            // Here, before an edge function can rewrite the target the head is paired by.
            feature.HeaderOrder = Waf.HeaderOrder.HeaderOrderCapture.For(context);
        }

        // Step 2
        CountingStream? requestCounter = null;
        if (context.Request.ContentLength is null && context.Features.Get<IHttpRequestBodyDetectionFeature>()?.CanHaveBody == true)
        {
            requestCounter = new CountingStream(context.Request.Body);
            context.Request.Body = requestCounter;
        }

        var responseCounter = new CountingStream(context.Response.Body);
        context.Response.Body = responseCounter;

        // Step 3
        try
        {
            await next(context).ConfigureAwait(false);
        }
        catch (BadHttpRequestException e)
        {
            // The client's body was malformed (bad chunking, too large, too slow): its fault, not ours.
            feature.Error = "bad_request_body";
            await ErrorPageWriter.WriteAsync(context, e.StatusCode, "Bad request", "The request could not be read.").ConfigureAwait(false);
        }
        catch (Exception e) when (e is not OperationCanceledException || !context.RequestAborted.IsCancellationRequested)
        {
            LogUnhandled(logger, feature.RequestId, e);
            feature.Error = "internal";
            await ErrorPageWriter.WriteAsync(context, StatusCodes.Status500InternalServerError, "Internal error", "The gateway could not handle this request.").ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            feature.Error ??= "client_aborted";
        }
        finally
        {
            // Step 4
            feature.BytesIn = context.Request.ContentLength ?? requestCounter?.Count ?? 0;
            feature.BytesOut = responseCounter.Count;
            Complete(context, feature);
        }
    }

    private void Complete(HttpContext context, GatewayRequestFeature feature)
    {
        var elapsed = time.GetElapsedTime(feature.StartTimestamp);
        var request = context.Request;
        var status = context.Response.StatusCode;
        var route = feature.Route?.Name ?? "none";
        metrics.RequestCompleted(route, request.Method, status, elapsed.TotalSeconds, feature.BytesIn, feature.BytesOut);
        var now = time.GetUtcNow();
        if (accessLog.Enabled)
        {
            var headers = request.Headers;
            accessLog.Write(new AccessLogEntry
            {
                Time = now,
                RequestId = feature.RequestId,
                ClientIp = feature.ClientIp.ToString(),
                Protocol = request.Protocol,
                Method = request.Method,
                Host = request.Host.Value ?? "",
                Path = request.Path.Value ?? "",
                Query = request.QueryString.Value ?? "",
                Status = status,
                BytesIn = feature.BytesIn,
                BytesOut = feature.BytesOut,
                DurationMs = elapsed.TotalMilliseconds,
                OriginMs = feature.OriginDuration?.TotalMilliseconds,
                Route = feature.Route?.Name,
                Origin = feature.OriginName,
                Target = feature.Target?.Prefix,
                Error = feature.Error,
                UserAgent = headers.UserAgent.Count > 0 ? headers.UserAgent.ToString() : null,
                Referer = headers.Referer.Count > 0 ? headers.Referer.ToString() : null,
                CacheStatus = feature.CacheStatus,
                WafVerdict = feature.WafVerdict,
                WafRule = feature.WafRule,
                Labels = feature.Labels,
                Decision = feature.Decision,
            });
        }

        if (events.HasSubscribers)
        {
            events.Publish(new RequestCompletedEvent(now, feature.RequestId, feature.ClientIp, request.Method, request.Host.Host, request.Path.Value ?? "", status, feature.Route?.Name, feature.Decision, feature.IsAllowListed()));
        }
    }

    [LoggerMessage(EventId = 1001, Level = LogLevel.Error, Message = "Request {RequestId} failed inside the gateway")]
    private static partial void LogUnhandled(ILogger logger, string requestId, Exception exception);
}
