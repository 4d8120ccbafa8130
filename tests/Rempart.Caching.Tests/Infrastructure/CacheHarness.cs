using System.Text;

namespace Rempart.Caching.Tests.Infrastructure;

/// <summary>
/// Plays the gateway middleware against <see cref="CacheEngine"/> on virtual time: looks up, serves
/// hits, forwards misses to a <see cref="FakeOrigin"/> with the conditional headers, reports the
/// response, streams the body into the store writer and commits — exactly the integration steps
/// docs/cache.md describes.
/// </summary>
internal sealed class CacheHarness : IDisposable
{
    public static readonly DateTimeOffset Start = new(2026, 3, 1, 12, 0, 0, TimeSpan.Zero);

    public CacheHarness(CachePolicy? policy = null, CacheEngineOptions? options = null, ICacheStore? store = null)
    {
        Time = new FakeTimeProvider(Start);
        Store = store ?? new MemoryCacheStore(64L * 1024 * 1024, 8L * 1024 * 1024);
        Engine = new CacheEngine(Store, Time, options);
        Policy = policy ?? CachePolicy.Default;
    }

    public FakeTimeProvider Time { get; }

    public ICacheStore Store { get; }

    public CacheEngine Engine { get; }

    public CachePolicy Policy { get; set; }

    public FakeOrigin Origin { get; } = new();

    /// <summary>An HTTP-date <paramref name="seconds"/> from now on the virtual clock.</summary>
    public string Date(double seconds = 0) => HttpDate.Format(Time.GetUtcNow().AddSeconds(seconds));

    public void Advance(double seconds) => Time.Advance(TimeSpan.FromSeconds(seconds));

    public Task<Exchange> Get(string path = "/r", params (string Name, string Value)[] headers) => Send("GET", path, headers);

    public async Task<Exchange> Send(string method, string path, params (string Name, string Value)[] headers)
    {
        var query = path.IndexOf('?') is var q && q >= 0 ? path[(q + 1)..] : null;
        var request = new CacheRequest(method, "http", "example.test", q >= 0 ? path[..q] : path, query, HeaderList.Of(headers));
        using var lookup = await Engine.LookupAsync(request, Policy, CancellationToken.None);
        var before = Origin.Count;
        if (lookup.Kind is CacheLookupKind.Hit or CacheLookupKind.Stale or CacheLookupKind.Shared or CacheLookupKind.GatewayTimeout)
        {
            var served = await Serve(lookup.Response!);
            if (lookup.RevalidateInBackground)
            {
                await ForwardAndReport(lookup, request);
            }
            return served with { Lookup = lookup.Kind, Outcome = lookup.Outcome, OriginContacted = Origin.Count > before };
        }
        var result = await ForwardAndReport(lookup, request);
        return result with { Lookup = lookup.Kind, Outcome = lookup.Outcome, OriginContacted = Origin.Count > before };
    }

    private async Task<Exchange> ForwardAndReport(CacheLookup lookup, CacheRequest request)
    {
        var forwarded = HeaderList.From(request.Headers);
        foreach (var name in lookup.RemoveRequestHeaders)
        {
            forwarded.Remove(name);
        }
        foreach (var line in lookup.ConditionalHeaders.Lines)
        {
            forwarded.Set(line.Key, line.Value);
        }
        var reply = Origin.Answer(new CacheRequestRecord(request.Method, request.Path, forwarded));
        if (reply.ConnectionFailure)
        {
            var stale = await Engine.OnOriginFailureAsync(lookup, CancellationToken.None);
            return stale is null ? new Exchange(502, new HeaderList(), "", lookup.CacheStatus) : await Serve(stale);
        }
        var decision = await Engine.OnResponseAsync(lookup, new CacheResponse(reply.Status, reply.Headers), CancellationToken.None);
        if (decision.Kind == ResponseDecisionKind.ServeStored)
        {
            return await Serve(decision.Served!);
        }
        if (decision.Kind == ResponseDecisionKind.ServeWhileFilling)
        {
            // The client's answer streams from the fill while the origin body goes to the writer only.
            var clientCopy = Serve(decision.Served!);
            using (var fill = decision.Writer!)
            {
                for (var i = 0; i < reply.Body.Length; i += 7)
                {
                    await fill.WriteAsync(reply.Body.AsMemory(i, Math.Min(7, reply.Body.Length - i)), CancellationToken.None);
                }
                var filled = await fill.CommitAsync(CancellationToken.None);
                return (await clientCopy) with { Stored = filled };
            }
        }
        var headers = HeaderList.From(reply.Headers);
        headers.Add("Cache-Status", decision.CacheStatus);
        var body = request.IsHead ? [] : reply.Body;
        using var writer = decision.Writer;
        if (reply.AbortAfterBytes is { } cut)
        {
            writer?.Write(body.AsSpan(0, cut));
            writer?.Abort();
            return new Exchange(reply.Status, headers, Encoding.UTF8.GetString(body, 0, cut), decision.CacheStatus) { Aborted = true };
        }
        // Stream in small chunks, as the gateway's copy loop would.
        for (var i = 0; i < body.Length; i += 7)
        {
            writer?.Write(body.AsSpan(i, Math.Min(7, body.Length - i)));
        }
        var stored = writer is not null && await writer.CommitAsync(CancellationToken.None);
        return new Exchange(reply.Status, headers, Encoding.UTF8.GetString(body), decision.CacheStatus) { Stored = stored };
    }

    private static async Task<Exchange> Serve(ServedResponse response)
    {
        using var ms = new MemoryStream();
        await response.CopyBodyToAsync(ms, CancellationToken.None);
        return new Exchange(response.Status, response.Headers, Encoding.UTF8.GetString(ms.ToArray()), response.Headers.GetValues("Cache-Status").LastOrDefault() ?? "");
    }

    public void Dispose() => Store.Dispose();
}

internal sealed record Exchange(int Status, HeaderList Headers, string Body, string CacheStatus)
{
    public CacheLookupKind Lookup { get; init; }

    public CacheOutcome Outcome { get; init; }

    public bool OriginContacted { get; init; }

    public bool Stored { get; init; }

    public bool Aborted { get; init; }

    public string? Header(string name) => Headers.GetCombined(name);
}
