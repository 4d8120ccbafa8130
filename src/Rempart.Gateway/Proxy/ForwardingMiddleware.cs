using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.Logging;
using Rempart.Gateway.Events;
using Rempart.Gateway.Observability;
using Rempart.Gateway.Pipeline;
using Yarp.ReverseProxy.Forwarder;

namespace Rempart.Gateway.Proxy;

/// <summary>
/// The terminal stage: sends the request to the route's origin through YARP's forwarder.
/// Step 1: an origin group sends GET/HEAD/OPTIONS straight to its secondary when the primary has no
/// healthy target. Step 2: pick a target and forward. Step 3: an idempotent request without a body
/// whose connection failed is retried once on another target. Step 4: a group retries on the
/// secondary when the primary failed or answered a failover status. Step 5: what is still an error
/// becomes a branded 502/503/504.
/// </summary>
internal sealed partial class ForwardingMiddleware
{
    private readonly IHttpForwarder forwarder;
    private readonly GatewayMetrics metrics;
    private readonly EventBus events;
    private readonly TimeProvider time;
    private readonly ILogger logger;

    // The terminal stage: the next delegate is never called.
    public ForwardingMiddleware(RequestDelegate next, IHttpForwarder forwarder, GatewayMetrics metrics, EventBus events, TimeProvider time, ILogger<ForwardingMiddleware> logger)
    {
        _ = next;
        this.forwarder = forwarder;
        this.metrics = metrics;
        this.events = events;
        this.time = time;
        this.logger = logger;
    }

    public async Task InvokeAsync(HttpContext context)
    {
        var feature = context.Features.GetRequiredFeature<GatewayRequestFeature>();
        var handle = feature.Route!.Origin;
        ForwardOutcome outcome;
        if (handle is OriginGroup group && OriginGroup.CanFailOver(context.Request.Method))
        {
            // Step 1
            if (!group.Primary.HasHealthyTarget())
            {
                FailedOver(context, feature, group, "primary has no healthy target");
                outcome = await ForwardToPoolAsync(context, feature, group.Secondary, null).ConfigureAwait(false);
            }
            else
            {
                outcome = await ForwardToPoolAsync(context, feature, group.Primary, group.FailoverStatuses).ConfigureAwait(false);

                // Step 4
                if (outcome is ForwardOutcome.FailoverStatus or ForwardOutcome.ConnectFailed or ForwardOutcome.TimedOut or ForwardOutcome.NoHealthyTarget
                    && !context.Response.HasStarted)
                {
                    FailedOver(context, feature, group, outcome == ForwardOutcome.FailoverStatus ? $"primary answered {context.Response.StatusCode}" : $"primary: {feature.Error}");
                    context.Response.Clear();
                    feature.Error = null;
                    outcome = await ForwardToPoolAsync(context, feature, group.Secondary, null).ConfigureAwait(false);
                }
            }
        }
        else
        {
            var pool = handle as OriginPool ?? ((OriginGroup)handle).Primary;
            outcome = await ForwardToPoolAsync(context, feature, pool, null).ConfigureAwait(false);
        }

        // Step 5
        if (outcome is ForwardOutcome.NoHealthyTarget or ForwardOutcome.ConnectFailed or ForwardOutcome.TimedOut or ForwardOutcome.FailedAfterStart
            && !context.Response.HasStarted && feature.OriginHook is { } hook && await hook.OnOriginUnavailableAsync(context).ConfigureAwait(false))
        {
            return; // a stale response stood in for the error page
        }

        switch (outcome)
        {
            case ForwardOutcome.NoHealthyTarget:
                await ErrorPageWriter.WriteAsync(context, StatusCodes.Status503ServiceUnavailable, "Service unavailable", "No healthy server can take this request right now. Please try again shortly.").ConfigureAwait(false);
                break;
            case ForwardOutcome.ConnectFailed:
                await ErrorPageWriter.WriteAsync(context, StatusCodes.Status502BadGateway, "Bad gateway", "The server behind this site could not be reached.").ConfigureAwait(false);
                break;
            case ForwardOutcome.TimedOut:
                await ErrorPageWriter.WriteAsync(context, StatusCodes.Status504GatewayTimeout, "Gateway timeout", "The server behind this site took too long to answer.").ConfigureAwait(false);
                break;
            case ForwardOutcome.FailedAfterStart when !context.Response.HasStarted:
                // The origin failed before any byte reached the client: a clean 502 is still possible.
                await ErrorPageWriter.WriteAsync(context, StatusCodes.Status502BadGateway, "Bad gateway", "The server behind this site failed to answer.").ConfigureAwait(false);
                break;
            case ForwardOutcome.FailoverStatus:
                // Only reachable if the secondary is unusable too; the primary's answer was withheld.
                await ErrorPageWriter.WriteAsync(context, StatusCodes.Status502BadGateway, "Bad gateway", "The server behind this site failed to answer.").ConfigureAwait(false);
                break;
        }
    }

    private async Task<ForwardOutcome> ForwardToPoolAsync(HttpContext context, GatewayRequestFeature feature, OriginPool pool, IReadOnlySet<int>? failoverStatuses)
    {
        feature.OriginName = pool.Name;
        var target = pool.Pick();
        if (target is null)
        {
            feature.Error = "no_healthy_target";
            metrics.OriginError(pool.Name, "no_healthy_target");
            return ForwardOutcome.NoHealthyTarget;
        }

        var retried = false;
        while (true)
        {
            // Step 2
            feature.Target = target;
            feature.FailoverStatuses = failoverStatuses;
            feature.FailoverTriggered = false;
            var started = time.GetTimestamp();
            target.Enter();
            ForwarderError error;
            try
            {
                error = await forwarder.SendAsync(context, target.Prefix, pool.Client, pool.RequestConfig, GatewayTransformer.Instance).ConfigureAwait(false);
            }
            finally
            {
                target.Leave();
            }

            var elapsed = time.GetElapsedTime(started);
            feature.OriginDuration = (feature.OriginDuration ?? TimeSpan.Zero) + elapsed;
            metrics.OriginExchange(pool.Name, elapsed.TotalSeconds);
            feature.FailoverStatuses = null;

            if (feature.FailoverTriggered)
            {
                pool.Report(target, failed: pool.Config.HealthCheck.Passive.StatusFailures, $"status {context.Response.StatusCode}");
                return ForwardOutcome.FailoverStatus;
            }

            var outcome = Classify(error, context);
            switch (outcome)
            {
                case ForwardOutcome.Ok:
                    pool.Report(target, failed: pool.Config.HealthCheck.Passive.StatusFailures && context.Response.StatusCode >= 500, $"status {context.Response.StatusCode}");
                    return outcome;
                case ForwardOutcome.ClientAborted:
                    feature.Error = "client_aborted";
                    return outcome;
                case ForwardOutcome.TimedOut:
                    feature.Error = "timeout";
                    metrics.OriginError(pool.Name, "timeout");
                    pool.Report(target, failed: true, "timeout");
                    LogOriginFailure(logger, pool.Name, target.Prefix, "timeout", feature.RequestId);
                    return outcome;
                case ForwardOutcome.FailedAfterStart:
                    feature.Error = "reset";
                    metrics.OriginError(pool.Name, "reset");
                    pool.Report(target, failed: true, "reset mid-response");
                    LogOriginFailure(logger, pool.Name, target.Prefix, "reset mid-response", feature.RequestId);
                    return outcome;
            }

            // No response headers came back: the connection failed, or the origin reset it or answered garbage.
            var kind = RequestFailureKind(context);
            feature.Error = kind;
            metrics.OriginError(pool.Name, kind);
            pool.Report(target, failed: true, kind);
            LogOriginFailure(logger, pool.Name, target.Prefix, kind, feature.RequestId);

            // Step 3
            if (retried || !pool.Config.Retry || !IsRetryable(context) || pool.Pick(exclude: target) is not { } next)
            {
                return ForwardOutcome.ConnectFailed;
            }

            retried = true;
            metrics.Retry(pool.Name);
            context.Response.Clear();
            feature.Error = null;
            target = next;
        }
    }

    private static ForwardOutcome Classify(ForwarderError error, HttpContext context) => error switch
    {
        ForwarderError.None => ForwardOutcome.Ok,
        ForwarderError.RequestTimedOut => context.Response.HasStarted ? ForwardOutcome.FailedAfterStart : ForwardOutcome.TimedOut,
        ForwarderError.RequestCanceled or ForwarderError.RequestBodyCanceled or ForwarderError.ResponseBodyCanceled
            or ForwarderError.RequestBodyClient or ForwarderError.ResponseBodyClient
            or ForwarderError.UpgradeRequestCanceled or ForwarderError.UpgradeResponseCanceled
            or ForwarderError.UpgradeRequestClient or ForwarderError.UpgradeResponseClient => ForwardOutcome.ClientAborted,
        // The origin failing mid-body makes YARP abort the client too, so this comes before the aborted check.
        ForwarderError.ResponseBodyDestination or ForwarderError.UpgradeActivityTimeout => ForwardOutcome.FailedAfterStart,
        _ when context.RequestAborted.IsCancellationRequested => ForwardOutcome.ClientAborted,
        _ when context.Response.HasStarted => ForwardOutcome.FailedAfterStart,
        _ => ForwardOutcome.ConnectFailed,
    };

    private static string RequestFailureKind(HttpContext context)
    {
        var exception = context.Features.Get<IForwarderErrorFeature>()?.Exception;
        while (exception is not null and not HttpRequestException)
        {
            exception = exception.InnerException;
        }

        return (exception as HttpRequestException)?.HttpRequestError switch
        {
            HttpRequestError.ConnectionError or HttpRequestError.NameResolutionError or HttpRequestError.SecureConnectionError => "connect",
            HttpRequestError.InvalidResponse or HttpRequestError.ConfigurationLimitExceeded => "invalid_response",
            _ => "reset",
        };
    }

    /// <summary>Only requests that are safe to send twice: idempotent methods without a body.</summary>
    private static bool IsRetryable(HttpContext context)
    {
        var method = context.Request.Method;
        var idempotent = HttpMethods.IsGet(method) || HttpMethods.IsHead(method) || HttpMethods.IsOptions(method)
            || HttpMethods.IsPut(method) || HttpMethods.IsDelete(method) || HttpMethods.IsTrace(method);
        return idempotent && context.Features.Get<IHttpRequestBodyDetectionFeature>()?.CanHaveBody != true && !context.Response.HasStarted;
    }

    private void FailedOver(HttpContext context, GatewayRequestFeature feature, OriginGroup group, string reason)
    {
        metrics.Failover(group.Name);
        LogFailover(logger, group.Name, group.Primary.Name, group.Secondary.Name, reason, feature.RequestId);
        events.Publish(new OriginFailedOverEvent(time.GetUtcNow(), group.Name, group.Primary.Name, group.Secondary.Name, reason, feature.RequestId));
    }

    [LoggerMessage(EventId = 1301, Level = LogLevel.Warning, Message = "Origin {Origin} target {Target} failed ({Kind}) for request {RequestId}")]
    private static partial void LogOriginFailure(ILogger logger, string origin, string target, string kind, string requestId);

    [LoggerMessage(EventId = 1302, Level = LogLevel.Warning, Message = "Origin group {Group} failed over from {Primary} to {Secondary}: {Reason} (request {RequestId})")]
    private static partial void LogFailover(ILogger logger, string group, string primary, string secondary, string reason, string requestId);
}
