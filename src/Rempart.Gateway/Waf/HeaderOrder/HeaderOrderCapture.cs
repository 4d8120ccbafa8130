using System.IO.Pipelines;
using Microsoft.AspNetCore.Connections;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Connections.Features;

namespace Rempart.Gateway.Waf.HeaderOrder;

/// <summary>
/// Gives the WAF's <c>header_order</c> field the order headers arrived in. A connection middleware,
/// placed after TLS so it sees plaintext, puts an <see cref="Http1HeadObserver"/> on each HTTP/1.x
/// connection; the WAF takes the head that belongs to its request (same method and target — heads
/// of earlier requests on the connection that never reached the WAF are skipped). HTTP/2 carries
/// headers HPACK-compressed and is not observed: there the field falls back to the server's order.
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
    public static string? For(HttpContext context, string method, string rawTarget)
    {
        if (context.Features.Get<IConnectionItemsFeature>()?.Items.TryGetValue(ItemKey, out var item) != true
            || item is not Http1HeadObserver observer
            || !HttpProtocol.IsHttp11(context.Request.Protocol) && !HttpProtocol.IsHttp10(context.Request.Protocol))
        {
            return null;
        }

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
