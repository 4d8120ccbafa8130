using System.IO.Pipelines;
using Microsoft.AspNetCore.Connections;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Connections.Features;
using Microsoft.AspNetCore.Http.Features;

namespace Rempart.Gateway.Waf.HeaderOrder;

/// <summary>
/// The order headers arrived in, for the WAF's <c>header_order</c> field and Shield's header-order
/// signature. A connection middleware, placed after TLS so it sees plaintext, puts an
/// <see cref="Http1HeadObserver"/> on each HTTP/1.x connection; the first stage of the request path
/// takes the head that belongs to its request (same method and raw target, read before any edge
/// function rewrites it — heads of earlier requests that Kestrel refused are skipped) and keeps it
/// on the request's feature, so both readers share one observation. HTTP/2 carries headers
/// HPACK-compressed and is not observed: there both fall back to the server's order.
/// </summary>
public static class HeaderOrderCapture
{
    public const string ItemKey = "rempart.header-order";

    /// <param name="enabled">Read when a connection opens: only configs with a <c>header_order</c> rule pay for the observation.</param>
    public static Func<ConnectionDelegate, ConnectionDelegate> Middleware(Func<bool> enabled) => next => connection =>
        enabled() ? ObserveAsync(next, connection) : next(connection);

    private static async Task ObserveAsync(ConnectionDelegate next, ConnectionContext connection)
    {
        var observer = new Http1HeadObserver();
        var original = connection.Transport;
        connection.Items[ItemKey] = observer;
        connection.Transport = new DuplexPipe(new ObservingPipeReader(original.Input, observer), original.Output);
        try
        {
            await next(connection).ConfigureAwait(false);
        }
        finally
        {
            connection.Transport = original;
        }
    }

    /// <summary>The arrival order of this request's header names (lowercased, ':'-joined), or null when it was not observed.</summary>
    public static string? For(HttpContext context)
    {
        if (context.Features.Get<IConnectionItemsFeature>()?.Items.TryGetValue(ItemKey, out var item) != true
            || item is not Http1HeadObserver observer
            || !HttpProtocol.IsHttp11(context.Request.Protocol) && !HttpProtocol.IsHttp10(context.Request.Protocol))
        {
            return null;
        }

        var method = context.Request.Method;
        var rawTarget = context.Features.Get<IHttpRequestFeature>()?.RawTarget;
        while (observer.TryDequeue(out var head))
        {
            if (head.Method == method && head.Target == rawTarget)
            {
                return head.HeaderOrder;
            }
        }

        return null;
    }

    private sealed class DuplexPipe(PipeReader input, PipeWriter output) : IDuplexPipe
    {
        public PipeReader Input { get; } = input;

        public PipeWriter Output { get; } = output;
    }
}
