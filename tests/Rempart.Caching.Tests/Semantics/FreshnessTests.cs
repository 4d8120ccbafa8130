using Rempart.Caching.Tests.Infrastructure;

namespace Rempart.Caching.Tests.Semantics;

/// <summary>Freshness and age (RFC 9111 §4.2), mirroring the caching suite's freshness, expires and age-parse groups.</summary>
public sealed class FreshnessTests
{
    private static async Task<(Exchange First, Exchange Second)> StoreThenAsk(CacheHarness h, double pause, params (string, string)[] headers)
    {
        h.Origin.Reply(200, "one", headers).Reply(200, "two", headers);
        var first = await h.Get();
        h.Advance(pause);
        var second = await h.Get();
        return (first, second);
    }

    [Theory]
    [InlineData("max-age=3600")]
    [InlineData("s-maxage=3600")]
    [InlineData("max-age=1, s-maxage=3600")]
    [InlineData("max-age=2147483649")]
    [InlineData("foobar, max-age=3600")]
    [InlineData("max-age=003600")]
    public async Task Fresh_IsServedFromCache(string cacheControl)
    {
        using var h = new CacheHarness();
        var (_, second) = await StoreThenAsk(h, 2, ("Cache-Control", cacheControl));
        Assert.False(second.OriginContacted);
        Assert.Equal("one", second.Body);
        Assert.Equal(CacheOutcome.Hit, second.Outcome);
    }

    [Theory]
    [InlineData("max-age=0")]
    [InlineData("max-age=-3600")]
    [InlineData("max-age='3600'")]
    [InlineData("max-age=3600, s-maxage=1")]
    [InlineData("s-maxage=1, max-age=3600")]
    [InlineData("extension=\"max-age=3600\", max-age=1")]
    [InlineData("max-age=\"1\", extension=\"max-age=3600\"")]
    public async Task StaleOrInvalid_GoesToTheOrigin(string cacheControl)
    {
        using var h = new CacheHarness();
        var (_, second) = await StoreThenAsk(h, 2, ("Cache-Control", cacheControl));
        Assert.True(second.OriginContacted);
        Assert.Equal("two", second.Body);
    }

    [Fact]
    public async Task SharedMaxAge_OnSeparateLines_StillWins()
    {
        using var h = new CacheHarness();
        var (_, second) = await StoreThenAsk(h, 2, ("Cache-Control", "max-age=3600"), ("Cache-Control", "s-maxage=1"));
        Assert.True(second.OriginContacted);
    }

    [Fact]
    public async Task Age_FromOrigin_CountsAgainstMaxAge()
    {
        using var h = new CacheHarness();
        var (_, second) = await StoreThenAsk(h, 2, ("Date", h.Date()), ("Cache-Control", "max-age=3600"), ("Age", "7200"));
        Assert.True(second.OriginContacted);
    }

    [Theory]
    [InlineData("abc")]
    [InlineData("-7200")]
    [InlineData("7200.0")]
    [InlineData("7200,0")]
    [InlineData("0, 0")]
    [InlineData("7200;foo=bar")]
    public async Task InvalidAge_MakesTheResponseStale(string age)
    {
        using var h = new CacheHarness();
        var (_, second) = await StoreThenAsk(h, 2, ("Date", h.Date()), ("Cache-Control", "max-age=3600"), ("Age", age));
        Assert.True(second.OriginContacted);
    }

    [Fact]
    public async Task TwoAgeLines_MakeTheResponseStale()
    {
        using var h = new CacheHarness();
        var (_, second) = await StoreThenAsk(h, 2, ("Date", h.Date()), ("Cache-Control", "max-age=3600"), ("Age", "0"), ("Age", "0"));
        Assert.True(second.OriginContacted);
    }

    [Fact]
    public async Task Age_IsGeneratedAndGrows()
    {
        using var h = new CacheHarness();
        var (_, second) = await StoreThenAsk(h, 3, ("Date", h.Date()), ("Cache-Control", "max-age=600"), ("Age", "30"));
        Assert.False(second.OriginContacted);
        Assert.Equal("33", second.Header("Age"));
        Assert.Equal(h.Date(-3), second.Header("Date")); // Date is never rewritten
    }

    [Theory]
    [InlineData(-2592000, false)]
    [InlineData(0, false)]
    [InlineData(2592000, true)]
    public async Task Expires_RelativeToDate(int expiresIn, bool cached)
    {
        using var h = new CacheHarness();
        var (_, second) = await StoreThenAsk(h, 2, ("Expires", h.Date(expiresIn)), ("Date", h.Date()));
        Assert.Equal(!cached, second.OriginContacted);
    }

    [Theory]
    [InlineData("0")]
    [InlineData("-1")]
    [InlineData("garbage")]
    public async Task InvalidExpires_IsInThePast(string expires)
    {
        using var h = new CacheHarness();
        var (_, second) = await StoreThenAsk(h, 2, ("Expires", expires), ("Date", h.Date()));
        Assert.True(second.OriginContacted);
    }

    [Fact]
    public async Task MaxAge_OverridesInvalidExpires()
    {
        using var h = new CacheHarness();
        var (_, second) = await StoreThenAsk(h, 2, ("Cache-Control", "max-age=3600"), ("Expires", "0"), ("Date", h.Date()));
        Assert.False(second.OriginContacted);
    }

    [Fact]
    public async Task Expires_WithOldDate_UsesTheOriginsClock()
    {
        using var h = new CacheHarness();
        var (_, second) = await StoreThenAsk(h, 2, ("Expires", h.Date(300)), ("Date", h.Date(400)));
        Assert.True(second.OriginContacted);
    }

    [Fact]
    public async Task Expires_WithInvalidDate_UsesReceivedTime()
    {
        using var h = new CacheHarness();
        var (_, second) = await StoreThenAsk(h, 2, ("Date", "foo"), ("Expires", h.Date(10)));
        Assert.False(second.OriginContacted);
    }

    [Fact]
    public async Task Expires_AgeFromOrigin_SlowClock_IsStale()
    {
        using var h = new CacheHarness();
        var (_, second) = await StoreThenAsk(h, 2, ("Date", h.Date(-10)), ("Expires", h.Date(10)), ("Age", "25"));
        Assert.True(second.OriginContacted);
    }

    [Theory]
    [InlineData(200, true)]
    [InlineData(203, true)]
    [InlineData(404, true)]
    [InlineData(410, true)]
    [InlineData(501, true)]
    [InlineData(201, false)]
    [InlineData(403, false)]
    [InlineData(502, false)]
    [InlineData(503, false)]
    [InlineData(599, false)]
    public async Task Heuristic_OnlyForCacheableByDefaultStatuses(int status, bool cached)
    {
        using var h = new CacheHarness();
        h.Origin.Reply(status, "AAAA", ("Last-Modified", h.Date(-86400)), ("Date", h.Date())).Reply(status, "BBBB");
        await h.Get();
        h.Advance(2);
        var second = await h.Get();
        Assert.Equal(!cached, second.OriginContacted);
    }

    [Fact]
    public async Task Heuristic_IsTenPercentOfTheAgeSinceLastModified()
    {
        using var h = new CacheHarness();
        h.Origin.Reply(200, "a", ("Last-Modified", h.Date(-1000)), ("Date", h.Date())).Reply(200, "b");
        await h.Get();
        h.Advance(99);
        Assert.False((await h.Get()).OriginContacted);
        h.Advance(2);
        Assert.True((await h.Get()).OriginContacted);
    }

    [Fact]
    public async Task PublicWithUnknownStatus_IsCachedHeuristically()
    {
        using var h = new CacheHarness();
        var (_, second) = await StoreThenAsk(h, 2, ("Last-Modified", h.Date(-86400)), ("Date", h.Date()), ("Cache-Control", "public"));
        Assert.False(second.OriginContacted);
    }

    [Fact]
    public async Task NoFreshnessInformation_IsNotCached()
    {
        using var h = new CacheHarness();
        var (_, second) = await StoreThenAsk(h, 0);
        Assert.True(second.OriginContacted);
    }

    [Fact]
    public async Task PolicyBounds_ClampTheOriginsLifetime()
    {
        using var h = new CacheHarness(CachePolicy.Default with { MaxTtl = TimeSpan.FromSeconds(10) });
        h.Origin.Reply(200, "a", ("Cache-Control", "max-age=3600")).Reply(200, "b");
        await h.Get();
        h.Advance(11);
        Assert.True((await h.Get()).OriginContacted);

        using var m = new CacheHarness(CachePolicy.Default with { MinTtl = TimeSpan.FromSeconds(60) });
        m.Origin.Reply(200, "a", ("Cache-Control", "no-store, max-age=0")).Reply(200, "b");
        await m.Get();
        m.Advance(30);
        Assert.False((await m.Get()).OriginContacted); // CloudFront: Min TTL > 0 overrides no-store
    }

    [Fact]
    public async Task DefaultTtl_AppliesWhenTheOriginSaysNothing()
    {
        using var h = new CacheHarness(CachePolicy.Default with { DefaultTtl = TimeSpan.FromSeconds(100) });
        h.Origin.Reply(200, "a").Reply(200, "b");
        await h.Get();
        h.Advance(50);
        Assert.False((await h.Get()).OriginContacted);
    }

    [Fact]
    public async Task DefaultTtl_NeverAppliesToErrorStatuses()
    {
        using var h = new CacheHarness(CachePolicy.Default with { DefaultTtl = TimeSpan.FromSeconds(100) });
        h.Origin.Reply(500, "boom").Reply(200, "ok");
        Assert.False((await h.Get()).Stored);
        Assert.True((await h.Get()).OriginContacted);
    }

    [Fact]
    public void CurrentAge_ClampsHostileInputs()
    {
        var facts = ResponseFactsFor(("Age", "99999999999999999999"), ("Date", "Fri, 31 Dec 9999 23:59:59 GMT"));
        var t = CacheHarness.Start;
        var age = Caching.Semantics.Freshness.CurrentAge(facts, t, t, t.AddYears(5000));
        Assert.Equal(CacheDirectives.MaxDeltaSeconds, age);
        var lifetime = Caching.Semantics.Freshness.Lifetime(ResponseFactsFor(("Cache-Control", "max-age=99999999999999999999")), 200, t, CachePolicy.Default);
        Assert.Equal(TimeSpan.FromDays(365).TotalSeconds, lifetime);
    }

    private static Caching.Semantics.ResponseFacts ResponseFactsFor(params (string, string)[] headers) =>
        Caching.Semantics.ResponseFacts.Parse(HeaderList.Of(headers), ["CDN-Cache-Control"]);
}
