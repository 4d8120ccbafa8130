using Rempart.Caching.Coalescing;
using Rempart.Caching.Tests.Infrastructure;

namespace Rempart.Caching.Tests.Coalescing;

public sealed class RequestCoalescerTests
{
    [Fact]
    public async Task FirstIsLeader_OthersWaitForTheOutcome()
    {
        var coalescer = new RequestCoalescer(10, TimeSpan.FromSeconds(10), new FakeTimeProvider());
        var (outcome, lease) = await coalescer.JoinAsync("k", CancellationToken.None);
        Assert.Equal(CoalesceOutcome.Leader, outcome);
        var waiter = coalescer.JoinAsync("k", CancellationToken.None).AsTask();
        Assert.False(waiter.IsCompleted);
        lease!.Complete(stored: true);
        Assert.Equal(CoalesceOutcome.Filled, (await waiter).Outcome);
        Assert.Equal(0, coalescer.ActiveFills);
    }

    [Fact]
    public async Task FailedFill_ReleasesEveryWaiter()
    {
        var coalescer = new RequestCoalescer(10, TimeSpan.FromSeconds(10), new FakeTimeProvider());
        var (_, lease) = await coalescer.JoinAsync("k", CancellationToken.None);
        var waiters = Enumerable.Range(0, 5).Select(_ => coalescer.JoinAsync("k", CancellationToken.None).AsTask()).ToArray();
        lease!.Dispose(); // e.g. the origin failed
        foreach (var w in waiters)
        {
            Assert.Equal(CoalesceOutcome.Released, (await w).Outcome);
        }
        Assert.Equal(CoalesceOutcome.Leader, (await coalescer.JoinAsync("k", CancellationToken.None)).Outcome);
    }

    [Fact]
    public async Task WaitersBeyondTheBound_GoStraightToTheOrigin()
    {
        var coalescer = new RequestCoalescer(2, TimeSpan.FromSeconds(10), new FakeTimeProvider());
        var (_, lease) = await coalescer.JoinAsync("k", CancellationToken.None);
        var w1 = coalescer.JoinAsync("k", CancellationToken.None).AsTask();
        var w2 = coalescer.JoinAsync("k", CancellationToken.None).AsTask();
        var third = await coalescer.JoinAsync("k", CancellationToken.None);
        Assert.Equal(CoalesceOutcome.Released, third.Outcome);
        lease!.Complete(true);
        await Task.WhenAll(w1, w2);
    }

    [Fact]
    public async Task SlowFill_TimesOutOnVirtualTime()
    {
        var time = new FakeTimeProvider();
        var coalescer = new RequestCoalescer(10, TimeSpan.FromSeconds(5), time);
        var (_, lease) = await coalescer.JoinAsync("k", CancellationToken.None);
        var waiter = coalescer.JoinAsync("k", CancellationToken.None).AsTask();
        time.Advance(TimeSpan.FromSeconds(4));
        Assert.False(waiter.IsCompleted);
        time.Advance(TimeSpan.FromSeconds(2));
        Assert.Equal(CoalesceOutcome.Released, (await waiter).Outcome);
        lease!.Complete(true);
    }

    [Fact]
    public async Task CancelledWaiter_DoesNotDisturbTheOthers()
    {
        var coalescer = new RequestCoalescer(10, TimeSpan.FromSeconds(10), new FakeTimeProvider());
        var (_, lease) = await coalescer.JoinAsync("k", CancellationToken.None);
        using var cts = new CancellationTokenSource();
        var cancelled = coalescer.JoinAsync("k", cts.Token).AsTask();
        var other = coalescer.JoinAsync("k", CancellationToken.None).AsTask();
        await cts.CancelAsync();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => cancelled);
        lease!.Complete(true);
        Assert.Equal(CoalesceOutcome.Filled, (await other).Outcome);
    }

    [Fact]
    public async Task CompletingTwice_IsHarmless()
    {
        var coalescer = new RequestCoalescer(10, TimeSpan.FromSeconds(10), new FakeTimeProvider());
        var (_, lease) = await coalescer.JoinAsync("k", CancellationToken.None);
        lease!.Complete(true);
        var (_, next) = await coalescer.JoinAsync("k", CancellationToken.None);
        lease.Complete(false); // must not end the new fill
        lease.Dispose();
        Assert.Equal(1, coalescer.ActiveFills);
        next!.Dispose();
    }

    [Fact]
    public async Task ThunderingHerd_OnASlowOrigin_SendsOneRequest_AndStreamsTheBodyToAll()
    {
        using var h = new CacheHarness();
        var request = CacheRequest.Get("http://example.test/hot");
        using var leader = await h.Engine.LookupAsync(request, h.Policy, CancellationToken.None);
        Assert.Equal(CacheLookupKind.Miss, leader.Kind);
        var herd = Enumerable.Range(0, 50).Select(_ => h.Engine.LookupAsync(request, h.Policy, CancellationToken.None).AsTask()).ToArray();
        Assert.DoesNotContain(herd, t => t.IsCompleted);

        // The slow origin's headers arrive: every waiter starts streaming at once.
        var decision = await h.Engine.OnResponseAsync(leader, new CacheResponse(200, HeaderList.Of(("Cache-Control", "max-age=60"), ("Content-Length", "8"))), CancellationToken.None);
        var lookups = await Task.WhenAll(herd);
        var copies = lookups.Select(async l =>
        {
            Assert.Equal(CacheLookupKind.Shared, l.Kind);
            Assert.Equal(CacheOutcome.Collapsed, l.Outcome);
            Assert.Contains("collapsed", l.CacheStatus, StringComparison.Ordinal);
            Assert.Equal("8", l.Response!.Headers.GetCombined("Content-Length"));
            using var ms = new MemoryStream();
            await l.Response.CopyBodyToAsync(ms, CancellationToken.None);
            return System.Text.Encoding.UTF8.GetString(ms.ToArray());
        }).ToArray();
        await decision.Writer!.WriteAsync("hot "u8.ToArray(), CancellationToken.None);
        Assert.DoesNotContain(copies, c => c.IsCompleted);
        await decision.Writer.WriteAsync("body"u8.ToArray(), CancellationToken.None);
        Assert.True(await decision.Writer.CommitAsync(CancellationToken.None));
        foreach (var copy in copies)
        {
            Assert.Equal("hot body", await copy);
        }
        foreach (var l in lookups)
        {
            l.Dispose();
        }
        using var after = await h.Engine.LookupAsync(request, h.Policy, CancellationToken.None);
        Assert.Equal(CacheLookupKind.Hit, after.Kind);
    }

    [Fact]
    public async Task ThunderingHerd_FillDiesMidBody_WaitersAreCutOffNotCompleted()
    {
        using var h = new CacheHarness();
        var request = CacheRequest.Get("http://example.test/hot");
        var leader = await h.Engine.LookupAsync(request, h.Policy, CancellationToken.None);
        var herd = Enumerable.Range(0, 10).Select(_ => h.Engine.LookupAsync(request, h.Policy, CancellationToken.None).AsTask()).ToArray();
        var decision = await h.Engine.OnResponseAsync(leader, new CacheResponse(200, HeaderList.Of(("Cache-Control", "max-age=60"))), CancellationToken.None);
        var lookups = await Task.WhenAll(herd);
        decision.Writer!.Write("partial"u8);
        decision.Writer.Abort(); // the origin died mid-body
        leader.Dispose();
        foreach (var lookup in lookups)
        {
            Assert.Equal(CacheLookupKind.Shared, lookup.Kind);
            Assert.Null(lookup.Response!.Headers.GetCombined("Content-Length"));
            await Assert.ThrowsAsync<IOException>(async () => await lookup.Response.CopyBodyToAsync(Stream.Null, CancellationToken.None));
            lookup.Dispose();
        }
        Assert.Empty(h.Store.GetVariants("http://example.test/hot"));
    }

    [Fact]
    public async Task SharedFill_ThatStalls_CutsTheWaitersOffOnVirtualTime()
    {
        using var h = new CacheHarness(options: new CacheEngineOptions { CoalesceTimeout = TimeSpan.FromSeconds(5) });
        var request = CacheRequest.Get("http://example.test/stall");
        using var leader = await h.Engine.LookupAsync(request, h.Policy, CancellationToken.None);
        var waiter = h.Engine.LookupAsync(request, h.Policy, CancellationToken.None).AsTask();
        var decision = await h.Engine.OnResponseAsync(leader, new CacheResponse(200, HeaderList.Of(("Cache-Control", "max-age=60"))), CancellationToken.None);
        using var shared = await waiter;
        decision.Writer!.Write("first bytes"u8); // then the origin hangs and the writer is never finished
        // Stream.Null completes writes synchronously, so the copy is parked on its idle timer when this returns.
        var copy = shared.Response!.CopyBodyToAsync(Stream.Null, CancellationToken.None).AsTask();
        h.Advance(4);
        Assert.False(copy.IsCompleted);
        h.Advance(2);
        await Assert.ThrowsAsync<IOException>(() => copy);
        decision.Writer.Dispose();
    }

    [Fact]
    public async Task ThunderingHerd_OriginFailsBeforeHeaders_ReleasesToTheOrigin()
    {
        using var h = new CacheHarness();
        var request = CacheRequest.Get("http://example.test/hot");
        var leader = await h.Engine.LookupAsync(request, h.Policy, CancellationToken.None);
        var herd = Enumerable.Range(0, 10).Select(_ => h.Engine.LookupAsync(request, h.Policy, CancellationToken.None).AsTask()).ToArray();
        Assert.Null(await h.Engine.OnOriginFailureAsync(leader, CancellationToken.None));
        leader.Dispose();
        foreach (var t in herd)
        {
            using var lookup = await t;
            Assert.Equal(CacheLookupKind.Miss, lookup.Kind);
        }
    }

    [Fact]
    public async Task ConditionalWaiters_WaitForTheStoredEntry_RangeWaitersGetTheirSlice()
    {
        using var h = new CacheHarness();
        var leader = await h.Engine.LookupAsync(CacheRequest.Get("http://example.test/hot"), h.Policy, CancellationToken.None);
        var conditional = h.Engine.LookupAsync(CacheRequest.Get("http://example.test/hot", HeaderList.Of(("If-None-Match", "\"x\""))), h.Policy, CancellationToken.None).AsTask();
        var ranged = h.Engine.LookupAsync(CacheRequest.Get("http://example.test/hot", HeaderList.Of(("Range", "bytes=2-4"))), h.Policy, CancellationToken.None).AsTask();
        var decision = await h.Engine.OnResponseAsync(leader, new CacheResponse(200, HeaderList.Of(("Cache-Control", "max-age=60"), ("ETag", "\"x\""), ("Content-Length", "7"))), CancellationToken.None);
        using var slice = await ranged;
        Assert.Equal(CacheLookupKind.Shared, slice.Kind);
        Assert.Equal(206, slice.Response!.Status);
        Assert.Equal("bytes 2-4/7", slice.Response.Headers.GetCombined("Content-Range"));
        using var ms = new MemoryStream();
        var copy = slice.Response.CopyBodyToAsync(ms, CancellationToken.None).AsTask();
        decision.Writer!.Write("0123456"u8);
        Assert.False(conditional.IsCompleted);
        await decision.Writer.CommitAsync(CancellationToken.None);
        await copy;
        Assert.Equal("234", System.Text.Encoding.UTF8.GetString(ms.ToArray()));
        using var lookup = await conditional;
        Assert.Equal(CacheLookupKind.Hit, lookup.Kind);
        Assert.Equal(304, lookup.Response!.Status);
        leader.Dispose();
    }

    [Fact]
    public async Task SharedFill_SpilledToDisk_StreamsFromTheEntryFile()
    {
        using var tmp = new TempDirectory();
        var store = new TieredCacheStore(new MemoryCacheStore(1024 * 1024, 1024), DiskCacheStore.Open(tmp.Path, 10 * 1024 * 1024, 1024 * 1024, ["CDN-Cache-Control"]));
        using var h = new CacheHarness(options: new CacheEngineOptions { SpillThreshold = 100 }, store: store);
        var request = CacheRequest.Get("http://example.test/big");
        using var leader = await h.Engine.LookupAsync(request, h.Policy, CancellationToken.None);
        var waiter = h.Engine.LookupAsync(request, h.Policy, CancellationToken.None).AsTask();
        var decision = await h.Engine.OnResponseAsync(leader, new CacheResponse(200, HeaderList.Of(("Cache-Control", "max-age=60"))), CancellationToken.None);
        using var shared = await waiter;
        using var ms = new MemoryStream();
        var copy = shared.Response!.CopyBodyToAsync(ms, CancellationToken.None).AsTask();
        var body = Enumerable.Range(0, 5000).Select(i => (byte)(i % 251)).ToArray();
        for (var i = 0; i < body.Length; i += 333)
        {
            await decision.Writer!.WriteAsync(body.AsMemory(i, Math.Min(333, body.Length - i)), CancellationToken.None);
        }
        Assert.True(await decision.Writer!.CommitAsync(CancellationToken.None));
        await copy;
        Assert.Equal(body, ms.ToArray());
    }

    [Fact]
    public async Task UncacheableResponse_ReleasesWaitersAtOnce()
    {
        using var h = new CacheHarness();
        var request = CacheRequest.Get("http://example.test/private");
        using var leader = await h.Engine.LookupAsync(request, h.Policy, CancellationToken.None);
        var waiter = h.Engine.LookupAsync(request, h.Policy, CancellationToken.None).AsTask();
        var decision = await h.Engine.OnResponseAsync(leader, new CacheResponse(200, HeaderList.Of(("Cache-Control", "private"))), CancellationToken.None);
        Assert.Null(decision.Writer);
        using var released = await waiter;
        Assert.Equal(CacheLookupKind.Miss, released.Kind);
    }
}
