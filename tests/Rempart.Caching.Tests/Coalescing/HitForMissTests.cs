using Rempart.Caching.Coalescing;
using Rempart.Caching.Tests.Infrastructure;

namespace Rempart.Caching.Tests.Coalescing;

/// <summary>A key whose fill stored nothing stops coalescing for a while (Varnish's hit-for-miss), then resumes.</summary>
public sealed class HitForMissTests
{
    [Fact]
    public async Task AfterAnUncacheableAnswer_ConcurrentMissesDoNotWait_UntilTheMarkExpires()
    {
        using var h = new CacheHarness();
        var request = CacheRequest.Get("http://example.test/poll");
        using (var leader = await h.Engine.LookupAsync(request, h.Policy, CancellationToken.None))
        {
            await h.Engine.OnResponseAsync(leader, new CacheResponse(200, HeaderList.Of(("Cache-Control", "no-store"))), CancellationToken.None);
        }

        using var first = await h.Engine.LookupAsync(request, h.Policy, CancellationToken.None);
        var second = h.Engine.LookupAsync(request, h.Policy, CancellationToken.None).AsTask();

        Assert.True(second.IsCompleted, "the second miss went to the origin without waiting on the first");
        Assert.Equal(CacheLookupKind.Miss, (await second).Kind);
        (await second).Dispose();

        h.Advance(121);
        using var leaderAgain = await h.Engine.LookupAsync(request, h.Policy, CancellationToken.None);
        var waiter = h.Engine.LookupAsync(request, h.Policy, CancellationToken.None).AsTask();
        Assert.False(waiter.IsCompleted, "after the mark expired, misses coalesce again");
        leaderAgain.Dispose();
        (await waiter).Dispose();
    }

    [Fact]
    public void Marks_AreBounded()
    {
        var keys = new UncacheableKeys(TimeSpan.FromMinutes(2), new FakeTimeProvider());
        for (var i = 0; i < UncacheableKeys.MaxKeys + 10; i++)
        {
            keys.Mark("k" + i);
        }

        Assert.True(keys.Count <= UncacheableKeys.MaxKeys);
    }
}
