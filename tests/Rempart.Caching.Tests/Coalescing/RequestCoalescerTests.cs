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
    public async Task ThunderingHerd_OnASlowOrigin_SendsOneRequest()
    {
        using var h = new CacheHarness();
        var request = CacheRequest.Get("http://example.test/hot");
        using var leader = await h.Engine.LookupAsync(request, h.Policy, CancellationToken.None);
        Assert.Equal(CacheLookupKind.Miss, leader.Kind);
        var herd = Enumerable.Range(0, 50).Select(_ => h.Engine.LookupAsync(request, h.Policy, CancellationToken.None).AsTask()).ToArray();
        Assert.DoesNotContain(herd, t => t.IsCompleted);

        // The slow origin finally answers the leader.
        var decision = await h.Engine.OnResponseAsync(leader, new CacheResponse(200, HeaderList.Of(("Cache-Control", "max-age=60"))), CancellationToken.None);
        decision.Writer!.Write("hot body"u8);
        Assert.True(await decision.Writer.CommitAsync(CancellationToken.None));

        foreach (var t in herd)
        {
            using var lookup = await t;
            Assert.Equal(CacheLookupKind.Hit, lookup.Kind);
            Assert.True(lookup.Collapsed);
            Assert.Contains("collapsed", lookup.CacheStatus, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task ThunderingHerd_FailedFill_ReleasesToTheOrigin()
    {
        using var h = new CacheHarness();
        var request = CacheRequest.Get("http://example.test/hot");
        var leader = await h.Engine.LookupAsync(request, h.Policy, CancellationToken.None);
        var herd = Enumerable.Range(0, 10).Select(_ => h.Engine.LookupAsync(request, h.Policy, CancellationToken.None).AsTask()).ToArray();
        var decision = await h.Engine.OnResponseAsync(leader, new CacheResponse(200, HeaderList.Of(("Cache-Control", "max-age=60"))), CancellationToken.None);
        decision.Writer!.Write("partial"u8);
        decision.Writer.Abort(); // the origin died mid-body
        leader.Dispose();
        foreach (var t in herd)
        {
            using var lookup = await t;
            Assert.Equal(CacheLookupKind.Miss, lookup.Kind);
            Assert.Null(lookup.Entry);
        }
        Assert.Empty(h.Store.GetVariants("http://example.test/hot"));
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
