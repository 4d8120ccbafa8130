using System.Text;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.Logging;
using Rempart.Gateway.Configuration.Functions;
using Rempart.Gateway.Events;
using Rempart.Gateway.Functions.Edge;
using Rempart.Gateway.Pipeline;

namespace Rempart.Gateway.Functions;

/// <summary>
/// The edge-functions stage, after Shield and before the WAF. Step 1: no function on the route →
/// next. Step 2: with viewer-response functions, put a replaceable body under the response and run
/// them from OnStarting, before the first byte of headers leaves. Step 3: run the viewer-request
/// functions in config order, each on the previous one's request; a returned response is written at
/// once (nothing reaches the WAF or the origin). Step 4: apply the rewritten request and go on.
/// A failure is counted, published as <see cref="FunctionFailedEvent"/> and then fails open (the
/// function is skipped) or closed (503), as the function says.
/// </summary>
internal sealed partial class EdgeFunctionsMiddleware(RequestDelegate next, FunctionMetrics metrics, EventBus events, TimeProvider time, ILogger<EdgeFunctionsMiddleware> logger)
{
    private const string FailedTitle = "Service unavailable";
    private const string FailedDetail = "A function at the edge of this site failed, and the site asked to refuse requests rather than serve them unchecked.";

    public Task InvokeAsync(HttpContext context)
    {
        var feature = context.Features.GetRequiredFeature<GatewayRequestFeature>();

        // Step 1
        var functions = feature.Route is { } route ? feature.Model.Functions.For(route.Name) : null;
        return functions is null ? next(context) : RunAsync(context, feature, functions);
    }

    private async Task RunAsync(HttpContext context, GatewayRequestFeature feature, RouteFunctions functions)
    {
        var edgeContext = new EdgeContext(context.Request.Host.Host, "rempart", feature.RequestId, feature.ClientIp.ToString());
        var request = EdgeHttp.ReadRequest(context);

        // Step 2
        ResponseReplacementStream? body = null;
        if (functions.ViewerResponse.Length > 0)
        {
            body = new ResponseReplacementStream(context.Response.Body, context.Response);
            context.Response.Body = body;
            var seen = request;
            context.Response.OnStarting(() =>
            {
                RunViewerResponse(context, feature, functions.ViewerResponse, edgeContext, seen, body);
                return Task.CompletedTask;
            });
        }

        // Step 3
        if (functions.ViewerRequest.Length > 0)
        {
            var current = request;
            foreach (var function in functions.ViewerRequest)
            {
                var outcome = function.Runtime.Invoke(current, (e, r) => CloudFrontEvent.ViewerRequest(e, edgeContext, r), (_, result, r, _) => CloudFrontEvent.ReadViewerRequestResult(result, r));
                Record(function, outcome.Failure, outcome.Duration, outcome.Logs, feature);
                if (outcome.Failure is not null)
                {
                    if (function.OnError == FunctionErrorMode.FailClosed)
                    {
                        feature.Error = "function_failed";
                        await ErrorPageWriter.WriteAsync(context, StatusCodes.Status503ServiceUnavailable, FailedTitle, FailedDetail).ConfigureAwait(false);
                        return;
                    }

                    continue;
                }

                if (outcome.Value!.Response is { } answer)
                {
                    feature.Error = null;
                    await EdgeHttp.WriteAsync(context, answer, feature.Model.ClientIp.RequestIdHeader, feature.RequestId).ConfigureAwait(false);
                    return;
                }

                current = outcome.Value.Request!;
            }

            // Step 4
            if (!ReferenceEquals(current, request))
            {
                EdgeHttp.ApplyRequest(context, request, current);
            }
        }

        await next(context).ConfigureAwait(false);
        if (body?.Replaced == true)
        {
            await body.CompleteAsync(context.RequestAborted).ConfigureAwait(false);
        }
    }

    private void RunViewerResponse(HttpContext context, GatewayRequestFeature feature, EdgeFunctionModel[] functions, EdgeContext edgeContext, EdgeRequest request, ResponseReplacementStream body)
    {
        var response = context.Response;
        var original = EdgeHttp.ReadResponse(response);
        var current = original;
        foreach (var function in functions)
        {
            var seen = current;
            var outcome = function.Runtime.Invoke(request, (e, r) => CloudFrontEvent.ViewerResponse(e, edgeContext, r, seen), (_, result, _, _) => CloudFrontEvent.ReadViewerResponseResult(result));
            Record(function, outcome.Failure, outcome.Duration, outcome.Logs, feature);
            if (outcome.Failure is null)
            {
                current = outcome.Value!;
                continue;
            }

            if (function.OnError == FunctionErrorMode.FailClosed)
            {
                // The origin's headers and body are withheld: nothing unchecked goes out.
                feature.Error = "function_failed";
                var page = Encoding.UTF8.GetBytes($"503 {FailedTitle}: {FailedDetail} Reference: {feature.RequestId}\n");
                response.Headers.Clear();
                response.StatusCode = StatusCodes.Status503ServiceUnavailable;
                response.ContentType = "text/plain; charset=utf-8";
                response.ContentLength = page.Length;
                response.Headers.CacheControl = "no-store";
                response.Headers[feature.Model.ClientIp.RequestIdHeader] = feature.RequestId;
                body.Replace(page);
                return;
            }
        }

        if (!ReferenceEquals(current, original))
        {
            EdgeHttp.ApplyResponse(response, original, current);
        }
    }

    private void Record(EdgeFunctionModel function, FunctionFailure? failure, TimeSpan duration, IReadOnlyList<string> logs, GatewayRequestFeature feature)
    {
        metrics.Invoked(function.Name, function.TriggerName, failure, duration);
        foreach (var line in logs)
        {
            LogConsole(logger, function.Name, feature.RequestId, line);
        }

        if (failure is null)
        {
            return;
        }

        var outcome = function.OnError == FunctionErrorMode.FailClosed ? "fail_closed" : "fail_open";
        LogFailed(logger, function.Name, feature.RequestId, failure.Message, outcome);
        events.Publish(new FunctionFailedEvent(time.GetUtcNow(), function.Name, function.TriggerName, failure.Kind, failure.LimitName, failure.Message, feature.RequestId, outcome));
    }

    [LoggerMessage(EventId = 1501, Level = LogLevel.Debug, Message = "Function {Function} (request {RequestId}) failed, {Outcome}: {Reason}")]
    private static partial void LogFailed(ILogger logger, string function, string requestId, string reason, string outcome);

    [LoggerMessage(EventId = 1502, Level = LogLevel.Debug, Message = "Function {Function} (request {RequestId}) console.log: {Line}")]
    private static partial void LogConsole(ILogger logger, string function, string requestId, string line);
}
