using System.Buffers;
using Microsoft.AspNetCore.Http;
using Rempart.Caching;
using Rempart.Caching.Http;
using Rempart.Gateway.Pipeline;

namespace Rempart.Gateway.Cache;

/// <summary>
/// One request's part in the cache after the lookup sent it to the origin. The forwarder reports the
/// origin's answer here (<see cref="IOriginHook"/>): the engine decides whether it is stored
/// (the body is then teed into the store writer while it streams to the client), or whether the
/// client gets a stored response instead (a 304 merged, stale-if-error, a range cut from the fill).
/// <see cref="CompleteAsync"/> commits the stored body only when the origin's body ended normally.
/// </summary>
internal sealed class CacheExchange(EdgeCache cache, CacheLookup lookup, CachePolicyModel policy, GatewayRequestFeature feature, CacheTeeStream? tee, Stream clientBody, string? coding) : IOriginHook
{
    private static readonly string[] Validators = ["If-None-Match", "If-Modified-Since"];

    private IStoreWriter? _writer;
    private bool _reported;
    private string[]? _originFields;

    public void OnOriginRequest(HttpContext context, HttpRequestMessage request)
    {
        var headers = request.Headers;
        if (lookup.Kind == CacheLookupKind.Revalidate)
        {
            // The stored validators replace the client's own; the client's are evaluated on the merged answer.
            foreach (var name in Validators)
            {
                headers.Remove(name);
            }

            foreach (var (name, value) in lookup.ConditionalHeaders.Lines)
            {
                headers.TryAddWithoutValidation(name, value);
            }
        }

        foreach (var name in lookup.RemoveRequestHeaders)
        {
            headers.Remove(name);
        }

        if (lookup.Kind is CacheLookupKind.Miss or CacheLookupKind.Revalidate && !policy.OriginRequest.ForwardsEverything)
        {
            policy.OriginRequest.Apply(headers);
        }
    }

    public async ValueTask<bool> OnOriginResponseAsync(HttpContext context, HttpResponseMessage response, CancellationToken cancellationToken)
    {
        if (_reported)
        {
            // A second origin answered (failover after the first failed before any byte was sent): not stored.
            DropWriter();
            return true;
        }

        _reported = true;
        _originFields = [.. response.Headers.Concat(response.Content.Headers).Select(h => h.Key), "Cache-Status", "Via"];
        var engine = cache.Engine;
        var status = context.Response.StatusCode;

        // Edge compression changes the representation before the engine sees (and stores) it.
        var compressible = policy.Compression.ShouldCompress(context.Response);
        var compress = compressible && coding is not null && tee is not null && lookup.RemoveRequestHeaders.Count == 0;
        if (compress)
        {
            EdgeCompression.Describe(context.Response, coding!);
        }
        else if (compressible)
        {
            // The identity bytes of a response others get compressed: a variant of its own, or a stored
            // identity copy (no Vary) would match, and being newer win, a client that accepts br.
            EdgeCompression.AddVary(context.Response);
        }

        var decision = await engine.OnResponseAsync(lookup, new CacheResponse(status, new HeaderDictionaryView(context.Response.Headers)), cancellationToken).ConfigureAwait(false);
        switch (decision.Kind)
        {
            case ResponseDecisionKind.ServeStored:
                await ServedResponseWriter.WriteAsync(context, decision.Served!, feature, clientBody, _originFields).ConfigureAwait(false);
                return false;
            case ResponseDecisionKind.ServeWhileFilling:
                await FillWhileServingAsync(context, response, decision, cancellationToken).ConfigureAwait(false);
                return false;
            default:
                context.Response.Headers.Append("Cache-Status", decision.CacheStatus);
                if (compress)
                {
                    tee!.Compress(coding!);
                    cache.Metrics.Compressed(coding!);
                }

                if (decision.Writer is { } writer)
                {
                    if (tee is null)
                    {
                        writer.Dispose(); // only misses and revalidations store; nothing to tee here
                    }
                    else
                    {
                        _writer = writer;
                        tee.Writer = writer;
                    }
                }

                return true;
        }
    }

    public async ValueTask<bool> OnOriginUnavailableAsync(HttpContext context)
    {
        DropWriter();
        var served = await cache.Engine.OnOriginFailureAsync(lookup, CancellationToken.None).ConfigureAwait(false);
        if (served is null)
        {
            return false;
        }

        await ServedResponseWriter.WriteAsync(context, served, feature, clientBody, _originFields).ConfigureAwait(false);
        return true;
    }

    /// <summary>Ends the exchange: the stored body is committed only when the origin's body arrived whole.</summary>
    public async Task CompleteAsync(bool bodyComplete)
    {
        if (tee is not null && bodyComplete)
        {
            try
            {
                await tee.FinishAsync().ConfigureAwait(false); // the compressed stream's last block, to the writer and the client
            }
            catch (Exception e) when (e is IOException or OperationCanceledException)
            {
                bodyComplete = false;
            }
        }

        else if (tee is not null)
        {
            tee.Writer = null; // nothing more reaches the store; release the compressor
            try
            {
                await tee.FinishAsync().ConfigureAwait(false);
            }
            catch (Exception e) when (e is IOException or OperationCanceledException or ObjectDisposedException or InvalidOperationException)
            {
            }
        }

        var writer = _writer;
        _writer = null;
        if (tee is not null)
        {
            tee.Writer = null;
        }

        if (writer is null)
        {
            return;
        }

        using (writer)
        {
            if (bodyComplete)
            {
                await writer.CommitAsync(CancellationToken.None).ConfigureAwait(false);
            }
            else
            {
                writer.Abort();
            }
        }
    }

    /// <summary>
    /// The client asked for a range and the origin is sending the whole object: the whole body goes
    /// to the store while the client's range is cut from the fill as it arrives.
    /// </summary>
    private async Task FillWhileServingAsync(HttpContext context, HttpResponseMessage response, ResponseDecision decision, CancellationToken cancellationToken)
    {
        using var writer = decision.Writer!;
        var client = ServedResponseWriter.WriteAsync(context, decision.Served!, feature, clientBody, _originFields);
        var buffer = ArrayPool<byte>.Shared.Rent(64 * 1024);
        var complete = false;
        try
        {
            await using var origin = await response.Content.ReadAsStreamAsync(cancellationToken).ConfigureAwait(false);
            int read;
            while ((read = await origin.ReadAsync(buffer, cancellationToken).ConfigureAwait(false)) > 0)
            {
                await writer.WriteAsync(buffer.AsMemory(0, read), cancellationToken).ConfigureAwait(false);
            }

            complete = true;
        }
        catch (Exception e) when (e is IOException or HttpRequestException or OperationCanceledException)
        {
            feature.Error ??= context.RequestAborted.IsCancellationRequested ? "client_aborted" : "reset";
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
            if (complete)
            {
                await writer.CommitAsync(CancellationToken.None).ConfigureAwait(false);
            }
            else
            {
                writer.Abort();
            }
        }

        await client.ConfigureAwait(false);
    }

    private void DropWriter()
    {
        if (tee is not null)
        {
            tee.Writer = null;
        }

        _writer?.Abort();
        _writer?.Dispose();
        _writer = null;
    }
}
