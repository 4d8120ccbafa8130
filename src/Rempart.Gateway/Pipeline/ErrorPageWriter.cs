using System.Net;
using Microsoft.AspNetCore.Http;
using Microsoft.Net.Http.Headers;

namespace Rempart.Gateway.Pipeline;

/// <summary>
/// The one place that writes answers the gateway makes itself (502, 503, 504, 404 no route, 500,
/// and later block pages): a small branded page in HTML, or JSON for API clients, always carrying
/// the request id — never a stack trace, never an origin address.
/// </summary>
public static class ErrorPageWriter
{
    /// <param name="retryAfter">Seconds for <c>Retry-After</c> (429, 503). Part of the page, because the page clears headers set before it.</param>
    public static async Task WriteAsync(HttpContext context, int status, string title, string detail, string? retryAfter = null)
    {
        if (context.Response.HasStarted)
        {
            context.Abort();
            return;
        }

        var feature = context.Features.Get<GatewayRequestFeature>();
        var requestId = feature?.RequestId ?? context.TraceIdentifier;
        var response = context.Response;
        response.Clear();
        response.StatusCode = status;
        response.Headers.CacheControl = "no-store";
        response.Headers[feature?.Model.ClientIp.RequestIdHeader ?? "X-Request-Id"] = requestId;
        if (retryAfter is not null)
        {
            response.Headers.RetryAfter = retryAfter;
        }
        if (WantsJson(context.Request))
        {
            response.ContentType = "application/json; charset=utf-8";
            await response.WriteAsync(
                $$"""{"status":{{status}},"title":{{Json(title)}},"detail":{{Json(detail)}},"request_id":{{Json(requestId)}}}""" + "\n").ConfigureAwait(false);
            return;
        }

        response.ContentType = "text/html; charset=utf-8";
        if (HttpMethods.IsHead(context.Request.Method))
        {
            return;
        }

        var t = WebUtility.HtmlEncode(title);
        var d = WebUtility.HtmlEncode(detail);
        var id = WebUtility.HtmlEncode(requestId);
        await response.WriteAsync($$"""
            <!doctype html>
            <html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
            <title>{{status}} {{t}}</title>
            <style>body{font-family:system-ui,sans-serif;background:#f4f5f7;color:#1d2330;display:flex;min-height:100vh;margin:0;align-items:center;justify-content:center}
            main{background:#fff;border-radius:12px;padding:2rem 2.5rem;max-width:34rem;box-shadow:0 2px 12px rgba(0,0,0,.08)}
            h1{font-size:1.4rem;margin:0 0 .5rem}p{line-height:1.5}code{background:#eef0f4;padding:.1rem .35rem;border-radius:4px}small{color:#6b7280}</style></head>
            <body><main><h1>{{status}} — {{t}}</h1><p>{{d}}</p><p><small>Reference: <code>{{id}}</code> · Rempart</small></p></main></body></html>

            """).ConfigureAwait(false);
    }

    private static bool WantsJson(HttpRequest request)
    {
        var accept = request.Headers.Accept.ToString();
        return accept.Contains("json", StringComparison.OrdinalIgnoreCase) && !accept.Contains("text/html", StringComparison.OrdinalIgnoreCase);
    }

    private static string Json(string value) => System.Text.Json.JsonSerializer.Serialize(value);
}
