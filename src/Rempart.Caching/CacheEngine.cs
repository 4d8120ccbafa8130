using Rempart.Caching.Coalescing;
using Rempart.Caching.Http;
using Rempart.Caching.Invalidation;
using Rempart.Caching.Semantics;
using Rempart.Caching.Storage;

namespace Rempart.Caching;

/// <summary>
/// The RFC 9111 shared cache, independent of any HTTP server. The host (the gateway's cache
/// middleware) drives one exchange like this (docs/cache.md has the full contract):
/// <code>
/// using var lookup = await engine.LookupAsync(request, policy, ct);            // Step 1
/// switch (lookup.Kind)
/// {
///     case Hit or Stale or Shared or GatewayTimeout: send lookup.Response;     // Step 2a
///         if (lookup.RevalidateInBackground) start a conditional request → Step 3
///         return;
///     case Revalidate: set lookup.ConditionalHeaders on the forwarded request  // Step 2b
///         break;
/// }
/// forward; on connection failure: served = await engine.OnOriginFailureAsync(lookup, ct)
/// var decision = await engine.OnResponseAsync(lookup, originResponse, ct);    // Step 3
/// ServeStored → send decision.Served; Forward → send the origin response plus
/// decision.CacheStatus, passing each body chunk to decision.Writer and committing at the end.
/// </code>
/// </summary>
public sealed class CacheEngine
{
    private const int MaxSelectAttempts = 3;

    private readonly TimeProvider _time;

    public CacheEngine(ICacheStore store, TimeProvider time, CacheEngineOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(store);
        ArgumentNullException.ThrowIfNull(time);
        Store = store;
        _time = time;
        Options = options ?? new CacheEngineOptions();
        Coalescer = new RequestCoalescer(Options.MaxWaitersPerKey, Options.CoalesceTimeout, time);
        Uncacheable = new UncacheableKeys(Options.UncacheableKeyTtl, time);
    }

    /// <summary>Keys that recently stored nothing: their misses skip coalescing (hit-for-miss).</summary>
    public UncacheableKeys Uncacheable { get; }

    public ICacheStore Store { get; }

    public CacheEngineOptions Options { get; }

    public RequestCoalescer Coalescer { get; }

    // Step 1: decide from the request and what is stored.
    public async ValueTask<CacheLookup> LookupAsync(CacheRequest request, CachePolicy policy, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(policy);
        var lookup = new CacheLookup(request, policy, _time.GetUtcNow());
        if (!policy.Enabled)
        {
            return Bypass(lookup, "bypass", "disabled");
        }
        if (!request.IsGet && !request.IsHead)
        {
            return Bypass(lookup, "method", null);
        }
        if (policy.AuthorizedRequests == AuthorizedRequestMode.Bypass && request.Headers.Contains("Authorization"))
        {
            return Bypass(lookup, "bypass", "authorization");
        }
        lookup.RequestDirectives = CacheControlParser.Parse(request.Headers.GetValues("Cache-Control"));
        lookup.Key = CacheKeyBuilder.Build(request, policy.Key);
        await SelectAsync(lookup, policy.Coalesce && request.IsGet && !Uncacheable.IsMarked(lookup.Key.Primary), cancellationToken).ConfigureAwait(false);
        return lookup;
    }

    // Step 3: the origin answered.
    public async ValueTask<ResponseDecision> OnResponseAsync(CacheLookup lookup, CacheResponse response, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(lookup);
        ArgumentNullException.ThrowIfNull(response);
        var now = _time.GetUtcNow();
        var request = lookup.Request;
        var name = Options.CacheStatusName;

        if (!request.IsSafeMethod)
        {
            if (response.Status is >= 200 and < 400)
            {
                InvalidateAfterUnsafe(request, response, lookup.Policy);
            }
            return Forward(lookup, CacheStatusBuilder.Forward(name, lookup.ForwardReason, response.Status));
        }
        if (lookup.Kind == CacheLookupKind.Bypass)
        {
            return Forward(lookup, lookup.CacheStatus);
        }

        var entry = lookup.Entry;
        if (entry is not null && lookup.Body is not null)
        {
            if (response.Status == 304)
            {
                var updated = await UpdateStoredAsync(lookup, entry, response.Headers, now, cancellationToken).ConfigureAwait(false);
                lookup.Outcome = CacheOutcome.Revalidated;
                var age = Freshness.CurrentAge(updated.Facts, updated.RequestTime, updated.ResponseTime, now);
                var ttl = Freshness.Lifetime(updated.Facts, updated.Status, updated.ResponseTime, lookup.Policy) - age;
                lookup.CacheStatus = CacheStatusBuilder.Build(name, hit: false, "stale", 304, ttl, stored: true, lookup.Collapsed, null);
                var served = ServedResponseBuilder.Build(updated, lookup.Body, request, age, lookup.CacheStatus);
                return new ResponseDecision(ResponseDecisionKind.ServeStored, lookup.CacheStatus, null, served);
            }
            if (StatusCodes.IsServerError(response.Status) && StaleIfErrorAllows(lookup, entry, now))
            {
                lookup.TakeLease()?.Complete(stored: false);
                var served = ServeStale(lookup, entry, now, response.Status);
                return new ResponseDecision(ResponseDecisionKind.ServeStored, lookup.CacheStatus, null, served);
            }
            if (request.IsHead && response.Status == 200 && ResponseFields.SameValidators(entry.Facts, response.Headers))
            {
                // RFC 9111 §4.3.5: a HEAD response freshens the stored GET response it describes.
                await UpdateStoredAsync(lookup, entry, response.Headers, now, cancellationToken).ConfigureAwait(false);
            }
        }

        if (response.Status == 304 || !request.IsGet)
        {
            lookup.TakeLease()?.Complete(stored: false);
            return Forward(lookup, CacheStatusBuilder.Forward(name, lookup.ForwardReason, response.Status, collapsed: lookup.Collapsed));
        }

        var facts = ResponseFacts.Parse(response.Headers, Options.TargetedFields);
        var lifetime = Freshness.Lifetime(facts, response.Status, now, lookup.Policy);
        var reason = StorageRules.WhyNotStorable(request, lookup.RequestDirectives, response.Status, facts, lifetime, lookup.Policy, Options);
        var declaredLength = ResponseFields.ParseContentLength(response.Headers);
        if (reason is null && declaredLength > Math.Min(lookup.Policy.MaxObjectSize, Store.MaxObjectBytes))
        {
            reason = "too-large";
        }
        if (reason is null && ResponseFields.HeaderBytes(response.Headers) > Options.MaxHeaderBytes)
        {
            reason = "headers-too-large";
        }
        if (reason is not null)
        {
            if (reason != "request-no-store")
            {
                Uncacheable.Mark(lookup.Key.Primary);
            }
            lookup.TakeLease()?.Complete(stored: false);
            if (entry is not null && response.Status is >= 200 and < 400 && response.Status != 206 && reason != "request-no-store")
            {
                // A newer response that may not be stored supersedes the stored one.
                Store.Remove(entry);
            }
            return Forward(lookup, CacheStatusBuilder.Forward(name, lookup.ForwardReason, response.Status, collapsed: lookup.Collapsed, detail: reason));
        }

        var key = lookup.Key;
        Uncacheable.Forget(key.Primary);
        var requestTime = lookup.RequestTime;
        var storedHeaders = HeaderRules.ForStorage(response.Headers, facts.Directives);
        var varyValues = VariantSelection.ValuesFor(facts.Vary, request.Headers);
        var surrogateKeys = ResponseFields.SurrogateKeysOf(response.Headers, Options.SurrogateKeyFields);
        var status = response.Status;
        var host = request.Authority.ToLowerInvariant();
        var path = request.Path;
        var template = new CacheEntry(Guid.NewGuid(), key, host, path, varyValues, status, storedHeaders, requestTime, now, MemoryCacheBody.Empty, surrogateKeys, Options.TargetedFields);
        var lease = lookup.TakeLease();
        var rangeStripped = lookup.RemoveRequestHeaders.Count > 0;
        var progress = lease is null && !rangeStripped ? null : new FillProgress { DeclaredLength = declaredLength, IdleTimeout = Options.CoalesceTimeout, Time = _time };
        var writer = new StoreWriter(template, Store, lookup.Policy.MaxObjectSize, declaredLength, Options.SpillThreshold, lease, progress);
        if (lease is not null && progress is not null && !writer.IsAborted)
        {
            lease.Share(new FillShare(template, progress)); // waiters stream the body while it fills
        }
        lookup.CacheStatus = CacheStatusBuilder.Forward(name, lookup.ForwardReason, response.Status, stored: true, collapsed: lookup.Collapsed, ttl: lifetime - ResponseAge(facts, requestTime, now));
        if (rangeStripped && progress is not null && !writer.IsAborted)
        {
            // The client asked for a range; the origin sent everything: answer the range from the fill.
            var served = FillResponses.Serve(lookup, template, progress, lookup.CacheStatus, now);
            return new ResponseDecision(ResponseDecisionKind.ServeWhileFilling, lookup.CacheStatus, writer, served);
        }
        return new ResponseDecision(ResponseDecisionKind.Forward, lookup.CacheStatus, writer, null);
    }

    /// <summary>
    /// Step 3 when the origin could not be reached (connect error, timeout): a stale response when
    /// stale-if-error allows it, else null (the host answers 502/504 as usual).
    /// </summary>
    public ValueTask<ServedResponse?> OnOriginFailureAsync(CacheLookup lookup, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(lookup);
        lookup.TakeLease()?.Complete(stored: false);
        var now = _time.GetUtcNow();
        if (lookup.Entry is { } entry && lookup.Body is not null && StaleIfErrorAllows(lookup, entry, now, unreachable: true))
        {
            return new(ServeStale(lookup, entry, now, null));
        }
        return new((ServedResponse?)null);
    }

    /// <summary>Sizes of the tiers, disk write failures and fills in progress.</summary>
    public CacheEngineStats GetStats() => Store switch
    {
        TieredCacheStore tiered => new(tiered.Memory.Stats, tiered.Disk.Stats, tiered.Disk.WriteFailures, Coalescer.ActiveFills, tiered.Disk.Failing),
        MemoryCacheStore memory => new(memory.Stats, null, 0, Coalescer.ActiveFills),
        DiskCacheStore disk => new(null, disk.Stats, disk.WriteFailures, Coalescer.ActiveFills, disk.Failing),
        _ => new(Store.Stats, null, 0, Coalescer.ActiveFills),
    };

    /// <summary>Removes what <paramref name="invalidation"/> names; returns how many entries were removed.</summary>
    public int Invalidate(CacheInvalidation invalidation)
    {
        ArgumentNullException.ThrowIfNull(invalidation);
        if (invalidation.All)
        {
            return Store.Clear();
        }
        var removed = 0;
        if (invalidation.SurrogateKeys.Count > 0)
        {
            removed += Store.RemoveBySurrogateKeys(invalidation.SurrogateKeys); // indexed: no scan
        }
        if (invalidation.Paths.Count > 0)
        {
            removed += Store.RemoveByTargets(InvalidationMatcher.Ranges(invalidation), invalidation.Host?.ToLowerInvariant()); // indexed: no scan
        }
        return removed;
    }

    private async ValueTask SelectAsync(CacheLookup lookup, bool allowCoalesce, CancellationToken cancellationToken)
    {
        var request = lookup.Request;
        var directives = lookup.RequestDirectives;
        var name = Options.CacheStatusName;
        for (var attempt = 0; ; attempt++)
        {
            var variants = Store.GetVariants(lookup.Key.Primary);
            var entry = VariantSelection.Select(variants, lookup.Key, request.Headers);
            if (entry is null)
            {
                lookup.ForwardReason = variants.Count == 0 ? "uri-miss" : "vary-miss";
                if (directives.OnlyIfCached)
                {
                    GatewayTimeout(lookup);
                    return;
                }
                if (allowCoalesce && await CoalesceAsync(lookup, cancellationToken).ConfigureAwait(false))
                {
                    allowCoalesce = false;
                    continue; // another request stored a response: look again
                }
                if (lookup.Kind == CacheLookupKind.Shared)
                {
                    return;
                }
                lookup.Kind = CacheLookupKind.Miss;
                lookup.Outcome = CacheOutcome.Miss;
                lookup.CacheStatus = CacheStatusBuilder.Forward(name, lookup.ForwardReason, collapsed: lookup.Collapsed);
                FillResponses.FetchFullObjectIfRanged(lookup);
                return;
            }
            var handle = await entry.Body.OpenAsync(cancellationToken).ConfigureAwait(false);
            if (handle is null)
            {
                Store.Remove(entry); // lost or torn on disk: a miss, never wrong bytes
                if (attempt + 1 < MaxSelectAttempts)
                {
                    continue;
                }
                lookup.Kind = CacheLookupKind.Miss;
                lookup.Outcome = CacheOutcome.Miss;
                lookup.ForwardReason = "miss";
                lookup.CacheStatus = CacheStatusBuilder.Forward(name, "miss", detail: "unreadable");
                return;
            }
            lookup.Body?.Dispose();
            lookup.Body = handle;
            lookup.Entry = entry;
            if (Decide(lookup, entry))
            {
                Store.Touch(entry);
                return;
            }
            // Revalidation needed: let one request revalidate while the others wait for it.
            if (directives.OnlyIfCached)
            {
                GatewayTimeout(lookup);
                return;
            }
            if (allowCoalesce && lookup.Lease is null && await CoalesceAsync(lookup, cancellationToken).ConfigureAwait(false))
            {
                allowCoalesce = false;
                continue;
            }
            if (lookup.Kind == CacheLookupKind.Shared)
            {
                return;
            }
            lookup.Kind = CacheLookupKind.Revalidate;
            lookup.Outcome = CacheOutcome.Miss;
            lookup.ConditionalHeaders = ResponseFields.ConditionalHeadersFor(entry);
            lookup.CacheStatus = CacheStatusBuilder.Forward(name, lookup.ForwardReason, collapsed: lookup.Collapsed);
            FillResponses.FetchFullObjectIfRanged(lookup);
            return;
        }
    }

    /// <summary>Sets Hit or Stale and returns true when the stored entry can answer now; false when it must be revalidated.</summary>
    private bool Decide(CacheLookup lookup, CacheEntry entry)
    {
        var now = _time.GetUtcNow();
        var facts = entry.Facts;
        var d = facts.Directives;
        var rd = lookup.RequestDirectives;
        var policy = lookup.Policy;
        var lifetime = Freshness.Lifetime(facts, entry.Status, entry.ResponseTime, policy);
        var age = Freshness.CurrentAge(facts, entry.RequestTime, entry.ResponseTime, now);
        var remaining = lifetime - age;
        var name = Options.CacheStatusName;

        var honor = policy.HonorRequestDirectives;
        if (honor && rd.NoCache)
        {
            lookup.ForwardReason = "request";
            return false;
        }
        if (d.NoCache && !policy.IgnoresNoCache)
        {
            lookup.ForwardReason = "stale";
            return false;
        }
        if (honor && ((rd.MaxAge is { } maxAge && age > maxAge) || (rd.MinFresh is { } minFresh && remaining < minFresh)))
        {
            lookup.ForwardReason = "request";
            return false;
        }
        if (remaining > 0)
        {
            Serve(lookup, entry, CacheLookupKind.Hit, CacheOutcome.Hit, age, CacheStatusBuilder.Hit(name, remaining, collapsed: lookup.Collapsed));
            return true;
        }
        var staleness = -remaining;
        if (!MustRevalidateWhenStale(d))
        {
            if (rd.MaxStaleAny || (rd.MaxStale is { } maxStale && staleness <= maxStale))
            {
                Serve(lookup, entry, CacheLookupKind.Hit, CacheOutcome.Hit, age, CacheStatusBuilder.Hit(name, remaining, "max-stale", lookup.Collapsed));
                return true;
            }
            if (d.StaleWhileRevalidate is { } swr && staleness <= swr)
            {
                var lease = Coalescer.TryLead(lookup.Key.Primary);
                lookup.Lease = lease;
                lookup.RevalidateInBackground = lease is not null;
                lookup.ConditionalHeaders = ResponseFields.ConditionalHeadersFor(entry);
                lookup.ForwardReason = "stale";
                Serve(lookup, entry, CacheLookupKind.Stale, CacheOutcome.StaleHit, age, CacheStatusBuilder.Hit(name, remaining, "stale-while-revalidate", lookup.Collapsed));
                return true;
            }
        }
        lookup.ForwardReason = "stale";
        return false;
    }

    private static void Serve(CacheLookup lookup, CacheEntry entry, CacheLookupKind kind, CacheOutcome outcome, double age, string cacheStatus)
    {
        lookup.Kind = kind;
        lookup.Outcome = outcome;
        lookup.CacheStatus = cacheStatus;
        lookup.Response = ServedResponseBuilder.Build(entry, lookup.Body!, lookup.Request, age, cacheStatus);
    }

    private ServedResponse ServeStale(CacheLookup lookup, CacheEntry entry, DateTimeOffset now, int? originStatus)
    {
        var age = Freshness.CurrentAge(entry.Facts, entry.RequestTime, entry.ResponseTime, now);
        var ttl = Freshness.Lifetime(entry.Facts, entry.Status, entry.ResponseTime, lookup.Policy) - age;
        lookup.Outcome = CacheOutcome.StaleIfError;
        lookup.CacheStatus = CacheStatusBuilder.Build(Options.CacheStatusName, hit: true, "stale", originStatus, ttl, stored: false, lookup.Collapsed, "stale-if-error");
        return ServedResponseBuilder.Build(entry, lookup.Body!, lookup.Request, age, lookup.CacheStatus);
    }

    private bool StaleIfErrorAllows(CacheLookup lookup, CacheEntry entry, DateTimeOffset now, bool unreachable = false)
    {
        var d = entry.Facts.Directives;
        if (MustRevalidateWhenStale(d) || (d.NoCache && !lookup.Policy.IgnoresNoCache))
        {
            return false;
        }
        var window = Math.Max(Math.Max(d.StaleIfError ?? 0, lookup.RequestDirectives.StaleIfError ?? 0), lookup.Policy.DefaultStaleIfError.TotalSeconds);
        if (unreachable)
        {
            window = Math.Max(window, lookup.Policy.StaleIfUnreachable.TotalSeconds);
        }
        if (window <= 0)
        {
            return false;
        }
        var lifetime = Freshness.Lifetime(entry.Facts, entry.Status, entry.ResponseTime, lookup.Policy);
        var age = Freshness.CurrentAge(entry.Facts, entry.RequestTime, entry.ResponseTime, now);
        return age - lifetime <= window;
    }

    /// <summary>must-revalidate, proxy-revalidate and s-maxage (RFC 9111 §5.2.2.10) forbid serving stale.</summary>
    private static bool MustRevalidateWhenStale(CacheDirectives d) => d.MustRevalidate || d.ProxyRevalidate || d.SharedMaxAge is not null;

    private async ValueTask<bool> CoalesceAsync(CacheLookup lookup, CancellationToken cancellationToken)
    {
        var (outcome, lease, share) = await Coalescer.JoinAsync(lookup.Key.Primary, CanTakeShare(lookup.Request), cancellationToken).ConfigureAwait(false);
        switch (outcome)
        {
            case CoalesceOutcome.Leader:
                lookup.Lease = lease;
                return false;
            case CoalesceOutcome.Filled:
                lookup.Collapsed = true;
                return true;
            case CoalesceOutcome.Shared when share is not null && VariantSelection.VaryMatches(share.Template, lookup.Request.Headers)
                && string.Equals(share.Template.Key.Secondary, lookup.Key.Secondary, StringComparison.Ordinal):
                ServeShared(lookup, share);
                return false;
            default:
                lookup.Collapsed = true;
                if (outcome == CoalesceOutcome.Released)
                {
                    Uncacheable.Mark(lookup.Key.Primary); // the fill served nobody: later misses go straight to the origin
                }
                return false;
        }
    }

    /// <summary>A GET without preconditions can take a body that is still arriving (a range is cut from it).</summary>
    private static bool CanTakeShare(CacheRequest request) =>
        request.IsGet && !request.Headers.Contains("If-Range") && !request.Headers.Contains("If-None-Match") && !request.Headers.Contains("If-Modified-Since");

    private void ServeShared(CacheLookup lookup, FillShare share)
    {
        var template = share.Template;
        var now = _time.GetUtcNow();
        lookup.Collapsed = true;
        lookup.Kind = CacheLookupKind.Shared;
        lookup.Outcome = CacheOutcome.Collapsed;
        var age = Freshness.CurrentAge(template.Facts, template.RequestTime, template.ResponseTime, now);
        var ttl = Freshness.Lifetime(template.Facts, template.Status, template.ResponseTime, lookup.Policy) - age;
        lookup.CacheStatus = CacheStatusBuilder.Forward(Options.CacheStatusName, lookup.ForwardReason, template.Status, collapsed: true, ttl: ttl);
        lookup.Response = FillResponses.Serve(lookup, template, share.Progress, lookup.CacheStatus, now);
    }

    private void GatewayTimeout(CacheLookup lookup)
    {
        lookup.Kind = CacheLookupKind.GatewayTimeout;
        lookup.Outcome = CacheOutcome.GatewayTimeout;
        lookup.CacheStatus = CacheStatusBuilder.Forward(Options.CacheStatusName, lookup.ForwardReason, detail: "only-if-cached");
        var headers = HeaderList.Of(("Cache-Status", lookup.CacheStatus), ("Content-Length", "0"), ("Cache-Control", "no-store"));
        lookup.Response = new ServedResponse(504, headers, null, null, 0, 0);
    }

    private CacheLookup Bypass(CacheLookup lookup, string fwd, string? detail)
    {
        lookup.Kind = CacheLookupKind.Bypass;
        lookup.Outcome = CacheOutcome.Bypass;
        lookup.ForwardReason = fwd;
        lookup.CacheStatus = CacheStatusBuilder.Forward(Options.CacheStatusName, fwd, detail: detail);
        return lookup;
    }

    private static ResponseDecision Forward(CacheLookup lookup, string cacheStatus)
    {
        lookup.CacheStatus = cacheStatus;
        return new ResponseDecision(ResponseDecisionKind.Forward, cacheStatus, null, null);
    }

    private async ValueTask<CacheEntry> UpdateStoredAsync(CacheLookup lookup, CacheEntry entry, IHeaderView update, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var merged = HeaderRules.Merge(entry.Headers, update);
        var updated = entry.WithUpdate(merged, lookup.RequestTime, now);
        lookup.Entry = updated;
        var d = updated.Facts.Directives;
        bool stored;
        if (d.NoStore || (d.Private && !lookup.Policy.IgnoresPrivate))
        {
            Store.Remove(entry);
            stored = false;
        }
        else
        {
            stored = await Store.PutAsync(updated, cancellationToken).ConfigureAwait(false);
        }
        lookup.TakeLease()?.Complete(stored);
        return updated;
    }

    private void InvalidateAfterUnsafe(CacheRequest request, CacheResponse response, CachePolicy policy)
    {
        // RFC 9111 §4.4: the target URI, and Location / Content-Location when they share its origin.
        Store.RemoveKey(CacheKeyBuilder.Primary(request.Scheme, request.Authority, request.Path, request.Query, policy.Key));
        if (!Uri.TryCreate($"{request.Scheme}://{request.Authority}{request.Path}", UriKind.Absolute, out var baseUri))
        {
            return; // an authority no URI parser accepts: nothing else can be addressed
        }
        foreach (var field in (ReadOnlySpan<string>)["Location", "Content-Location"])
        {
            if (response.Headers.GetSingle(field) is not { Length: > 0 and < 8192 } value
                || !Uri.TryCreate(baseUri, value, out var target)
                || !string.Equals(target.Scheme, baseUri.Scheme, StringComparison.OrdinalIgnoreCase)
                || !string.Equals(target.Authority, baseUri.Authority, StringComparison.OrdinalIgnoreCase))
            {
                continue;
            }
            Store.RemoveKey(CacheKeyBuilder.Primary(request.Scheme, request.Authority, target.AbsolutePath, target.Query.TrimStart('?'), policy.Key));
        }
    }

    private static double ResponseAge(ResponseFacts facts, DateTimeOffset requestTime, DateTimeOffset now) =>
        Freshness.CurrentAge(facts, requestTime, now, now);
}
