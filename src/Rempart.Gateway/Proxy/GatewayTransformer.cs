using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Http;
using Rempart.Gateway.Pipeline;
using Yarp.ReverseProxy.Forwarder;

namespace Rempart.Gateway.Proxy;

/// <summary>
/// Shapes messages crossing the proxy. Requests: YARP copies the headers (hop-by-hop removed), then
/// we replace any forwarding headers a client sent with our own (X-Forwarded-For/-Proto/-Host, the
/// request id) and add Via. Responses: headers that name the origin's software are removed, Via and
/// the request id are added, and an origin group's failover status is caught before anything is sent.
/// One instance serves every request; per-request data comes from the <see cref="GatewayRequestFeature"/>.
/// </summary>
internal sealed class GatewayTransformer : HttpTransformer
{
    public static readonly GatewayTransformer Instance = new();

    public override async ValueTask TransformRequestAsync(HttpContext httpContext, HttpRequestMessage proxyRequest, string destinationPrefix, CancellationToken cancellationToken)
    {
        await base.TransformRequestAsync(httpContext, proxyRequest, destinationPrefix, cancellationToken).ConfigureAwait(false);
        var feature = httpContext.Features.GetRequiredFeature<GatewayRequestFeature>();
        var model = feature.Model;
        var headers = proxyRequest.Headers;
        var rules = model.ClientIp;

        headers.Remove(rules.ForwardedHeader);
        headers.TryAddWithoutValidation(rules.ForwardedHeader, feature.ForwardedFor);
        headers.Remove("X-Forwarded-Proto");
        headers.TryAddWithoutValidation("X-Forwarded-Proto", feature.ForwardedProto);
        headers.Remove("X-Forwarded-Host");
        headers.TryAddWithoutValidation("X-Forwarded-Host", feature.ForwardedHost);
        headers.Remove(rules.RequestIdHeader);
        headers.TryAddWithoutValidation(rules.RequestIdHeader, feature.RequestId);
        if (model.Proxy.Via.Length > 0)
        {
            headers.TryAddWithoutValidation("Via", model.Proxy.ViaFor(httpContext.Request.Protocol));
        }

        if (model.Proxy.PreserveHost)
        {
            headers.Host = httpContext.Request.Host.Value;
        }

        feature.OriginHook?.OnOriginRequest(httpContext, proxyRequest);
    }

    public override async ValueTask<bool> TransformResponseAsync(HttpContext httpContext, HttpResponseMessage? proxyResponse, CancellationToken cancellationToken)
    {
        var feature = httpContext.Features.GetRequiredFeature<GatewayRequestFeature>();
        if (proxyResponse is not null && feature.FailoverStatuses is { } statuses && statuses.Contains((int)proxyResponse.StatusCode))
        {
            feature.FailoverTriggered = true;
            return false; // nothing of the primary's answer reaches the client
        }

        await base.TransformResponseAsync(httpContext, proxyResponse, cancellationToken).ConfigureAwait(false);
        var model = feature.Model;
        var headers = httpContext.Response.Headers;
        foreach (var name in model.Proxy.RemoveResponseHeaders)
        {
            headers.Remove(name);
        }

        // RFC 9110 §7.6.1: fields the origin named in Connection are hop-by-hop too (YARP drops only Connection itself).
        // Read unparsed: the typed Connection collection would be built (and parsed) for every response.
        if (proxyResponse is not null && proxyResponse.Headers.NonValidated.TryGetValues("Connection", out var connection))
        {
            foreach (var value in connection)
            {
                foreach (var token in value.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries))
                {
                    headers.Remove(token);
                }
            }
        }

        if (proxyResponse is not null && feature.OriginHook is { } hook && !await hook.OnOriginResponseAsync(httpContext, proxyResponse, cancellationToken).ConfigureAwait(false))
        {
            return false; // answered from the cache (a 304 merged, or stale-if-error)
        }

        if (model.Proxy.Via.Length > 0)
        {
            headers.Append("Via", model.Proxy.ViaFor(httpContext.Request.Protocol));
        }

        headers[model.ClientIp.RequestIdHeader] = feature.RequestId;

        // Event streams: send the headers now. Clients wait for them, and the origin may not write
        // its first event for a long time (YARP would otherwise send them with the first byte).
        if (IsEventStream(httpContext.Response.ContentType))
        {
            await httpContext.Response.StartAsync(cancellationToken).ConfigureAwait(false);
        }

        return true;
    }

    /// <summary>The Content-Type YARP copied, compared as text (media type before any parameter, case-insensitive) rather than parsed.</summary>
    private static bool IsEventStream(string? contentType)
    {
        if (contentType is null)
        {
            return false;
        }

        var media = contentType.AsSpan();
        var semicolon = media.IndexOf(';');
        return (semicolon < 0 ? media : media[..semicolon]).Trim().Equals("text/event-stream", StringComparison.OrdinalIgnoreCase);
    }
}
