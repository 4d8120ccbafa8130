using Microsoft.AspNetCore.Http;
using Rempart.Caching;
using Rempart.Gateway.Pipeline;

namespace Rempart.Gateway.Cache;

/// <summary>
/// Writes a response the cache answers with (a hit, a merged 304, stale content, a shared fill):
/// the stored status and fields (with Age and Cache-Status from the engine), the gateway's own Via
/// and request id, then the body. A shared fill that dies midway aborts the connection, so a cut
/// body never looks complete to the client.
/// </summary>
internal static class ServedResponseWriter
{
    /// <param name="originFields">Names of the origin's fields the forwarder already copied (they are replaced), or null.</param>
    public static async Task WriteAsync(HttpContext context, ServedResponse served, GatewayRequestFeature feature, Stream body, IReadOnlyList<string>? originFields = null)
    {
        var response = context.Response;

        // Fields other stages set stay; only what the forwarder copied from the origin is replaced.
        foreach (var name in originFields ?? [])
        {
            response.Headers.Remove(name);
        }

        response.StatusCode = served.Status;
        var headers = response.Headers;
        var fields = served.Headers;
        for (var i = 0; i < fields.Count; i++)
        {
            headers.Remove(fields[i].Key);
        }

        for (var i = 0; i < fields.Count; i++)
        {
            var (name, value) = fields[i];
            headers.Append(name, value);
        }

        var model = feature.Model;
        if (model.Proxy.Via.Length > 0)
        {
            headers.Append("Via", model.Proxy.ViaFor(context.Request.Protocol));
        }

        headers[model.ClientIp.RequestIdHeader] = feature.RequestId;
        if (!served.HasBody || HttpMethods.IsHead(context.Request.Method))
        {
            return;
        }

        try
        {
            await served.CopyBodyToAsync(body, context.RequestAborted).ConfigureAwait(false);
        }
        catch (IOException) when (!context.RequestAborted.IsCancellationRequested)
        {
            // The fill this response streamed from failed: cut the connection rather than end cleanly.
            feature.Error = "cache_fill_failed";
            context.Abort();
        }
    }
}
