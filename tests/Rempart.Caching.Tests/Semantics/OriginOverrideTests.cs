using Rempart.Caching.Tests.Infrastructure;

namespace Rempart.Caching.Tests.Semantics;

/// <summary>The policy toggles that override the origin's private and no-cache (an operator's choice, off by default).</summary>
public sealed class OriginOverrideTests
{
    [Theory]
    [InlineData("private, max-age=3600", true, true, true)]
    [InlineData("private, max-age=3600", false, true, false)]
    [InlineData("no-cache, max-age=3600", true, true, true)]
    [InlineData("no-cache, max-age=3600", true, false, false)]
    [InlineData("no-store, max-age=3600", false, false, true)] // no-store is never overridden by the toggles
    public async Task Toggles_DecideWhetherTheSecondRequestReachesTheOrigin(string cacheControl, bool honorPrivate, bool honorNoCache, bool originContacted)
    {
        using var h = new CacheHarness(CachePolicy.Default with { HonorPrivate = honorPrivate, HonorNoCache = honorNoCache });
        h.Origin.Reply(200, "a", ("Cache-Control", cacheControl)).Reply(200, "b", ("Cache-Control", cacheControl));
        await h.Get();
        Assert.Equal(originContacted, (await h.Get()).OriginContacted);
    }
}
