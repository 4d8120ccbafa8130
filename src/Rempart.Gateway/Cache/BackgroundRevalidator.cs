using System.Buffers;
using Microsoft.Extensions.Logging;
using Rempart.Caching;
using Rempart.Caching.Http;
using Rempart.Gateway.Model;
using Rempart.Gateway.Proxy;
using Yarp.ReverseProxy.Forwarder;

namespace Rempart.Gateway.Cache;

/// <summary>
/// stale-while-revalidate (RFC 5861): the client already has the stale response; one request per
/// key (the engine's lease) refreshes it here with a conditional GET through the route's origin
/// pool, off the request path. A 304 freshens the stored entry, a 200 replaces it, anything else
/// leaves it to expire. Bounded by the origin's response timeout; cancelled on shutdown. It holds its
/// origin budget slots (<see cref="BackgroundBudget"/>) until the origin's answer is consumed.
/// </summary>
internal sealed partial class BackgroundRevalidator(CacheEngine engine, CacheMetrics metrics, ILogger logger) : IDisposable
{
    private static readonly HashSet<string> NotForwarded = new(StringComparer.OrdinalIgnoreCase)
    {
        "Host", "Connection", "Keep-Alive", "Proxy-Connection", "TE", "Transfer-Encoding", "Upgrade", "Trailer",
        "If-None-Match", "If-Modified-Since", "If-Match", "If-Unmodified-Since", "If-Range", "Range", "Content-Length",
    };

    private readonly CancellationTokenSource _stopping = new();

    /// <summary>Takes ownership of <paramref name="lookup"/> and <paramref name="slots"/> and refreshes the entry in the background.</summary>
    public void Start(CacheLookup lookup, BackgroundBudget slots, RouteModel route, GatewayModel model, HeaderList requestHeaders, string forwardedFor, string requestId)
    {
        _ = Task.Run(async () =>
        {
            using (slots)
            using (lookup)
            {
                try
                {
                    metrics.BackgroundRevalidation(await RefreshAsync(lookup, route, model, requestHeaders, forwardedFor, requestId).ConfigureAwait(false));
                }
                catch (Exception e) when (e is HttpRequestException or IOException or OperationCanceledException or ObjectDisposedException)
                {
                    metrics.BackgroundRevalidation("failed");
                    LogFailed(logger, lookup.Request.Path, e.Message);
                }
            }
        });
    }

    private async Task<string> RefreshAsync(CacheLookup lookup, RouteModel route, GatewayModel model, HeaderList requestHeaders, string forwardedFor, string requestId)
    {
        var pool = route.Origin as OriginPool ?? ((OriginGroup)route.Origin).Primary;
        if (pool.Pick() is not { } target)
        {
            await engine.OnOriginFailureAsync(lookup, CancellationToken.None).ConfigureAwait(false);
            return "failed";
        }

        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(_stopping.Token);
        timeout.CancelAfter(pool.Config.ResponseTimeout);
        var request = lookup.Request;
        using var message = new HttpRequestMessage(HttpMethod.Get, RequestUtilities.MakeDestinationAddress(target.Prefix, new(request.Path), new(request.Query is null ? "" : "?" + request.Query)));
        foreach (var (name, value) in requestHeaders.Lines)
        {
            if (!NotForwarded.Contains(name))
            {
                message.Headers.TryAddWithoutValidation(name, value);
            }
        }

        foreach (var (name, value) in lookup.ConditionalHeaders.Lines)
        {
            message.Headers.TryAddWithoutValidation(name, value);
        }

        message.Headers.Remove(model.ClientIp.ForwardedHeader);
        message.Headers.TryAddWithoutValidation(model.ClientIp.ForwardedHeader, forwardedFor);
        message.Headers.Remove(model.ClientIp.RequestIdHeader);
        message.Headers.TryAddWithoutValidation(model.ClientIp.RequestIdHeader, requestId);
        if (model.Proxy.PreserveHost)
        {
            message.Headers.Host = request.Authority;
        }

        using var response = await pool.Client.SendAsync(message, timeout.Token).ConfigureAwait(false);
        var headers = new HeaderList();
        foreach (var (name, values) in response.Headers.Concat(response.Content.Headers))
        {
            if (model.Proxy.RemoveResponseHeaders.Contains(name))
            {
                continue;
            }

            foreach (var value in values)
            {
                headers.Add(name, value);
            }
        }

        var decision = await engine.OnResponseAsync(lookup, new CacheResponse((int)response.StatusCode, headers), timeout.Token).ConfigureAwait(false);
        if (decision.Kind == ResponseDecisionKind.ServeStored)
        {
            return "refreshed";
        }

        if (decision.Writer is not { } writer)
        {
            return "not_stored";
        }

        using (writer)
        {
            var buffer = ArrayPool<byte>.Shared.Rent(64 * 1024);
            try
            {
                await using var body = await response.Content.ReadAsStreamAsync(timeout.Token).ConfigureAwait(false);
                int read;
                while ((read = await body.ReadAsync(buffer, timeout.Token).ConfigureAwait(false)) > 0)
                {
                    await writer.WriteAsync(buffer.AsMemory(0, read), timeout.Token).ConfigureAwait(false);
                }
            }
            catch
            {
                writer.Abort();
                throw;
            }
            finally
            {
                ArrayPool<byte>.Shared.Return(buffer);
            }

            return await writer.CommitAsync(timeout.Token).ConfigureAwait(false) ? "replaced" : "not_stored";
        }
    }

    // Not disposed: refreshes still running link to it until they see the cancellation.
    public void Dispose() => _stopping.Cancel();

    [LoggerMessage(EventId = 1601, Level = LogLevel.Warning, Message = "Background revalidation of {Path} failed: {Reason}")]
    private static partial void LogFailed(ILogger logger, string path, string reason);
}
