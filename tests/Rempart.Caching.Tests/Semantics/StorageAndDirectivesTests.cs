using Rempart.Caching.Tests.Infrastructure;

namespace Rempart.Caching.Tests.Semantics;

/// <summary>Whether responses are stored and how request/response directives steer reuse (RFC 9111 §3, §5.2).</summary>
public sealed class StorageAndDirectivesTests
{
    [Theory]
    [InlineData("private, max-age=3600")]
    [InlineData("no-store")]
    [InlineData("No-StOrE")]
    [InlineData("max-age=10000, no-store")]
    [InlineData("max-age=10000, no-cache")]
    [InlineData("max-age=10000, No-CaChE")]
    public async Task ResponseDirective_PreventsReuse(string cacheControl)
    {
        using var h = new CacheHarness();
        h.Origin.Reply(200, "a", ("Cache-Control", cacheControl)).Reply(200, "b", ("Cache-Control", cacheControl));
        await h.Get();
        Assert.True((await h.Get()).OriginContacted);
    }

    [Fact]
    public async Task MustUnderstand_WithUnknownStatus_IsNotStored()
    {
        using var h = new CacheHarness();
        h.Origin.Reply(599, "a", ("Cache-Control", "max-age=3600, must-understand")).Reply(599, "b");
        await h.Get();
        Assert.True((await h.Get()).OriginContacted);
    }

    [Fact]
    public async Task MustUnderstand_WithKnownStatus_OverridesNoStore()
    {
        using var h = new CacheHarness();
        h.Origin.Reply(200, "a", ("Cache-Control", "max-age=3600, must-understand, no-store")).Reply(200, "b");
        await h.Get();
        Assert.False((await h.Get()).OriginContacted);
    }

    [Fact]
    public async Task ConnectionAndProxyFields_AreNotStored()
    {
        using var h = new CacheHarness();
        h.Origin.Reply(200, "body",
            ("Cache-Control", "max-age=3600"), ("Connection", "a, b"), ("a", "1"), ("b", "2"), ("c", "3"),
            ("Keep-Alive", "x"), ("Proxy-Authenticate", "x"), ("Proxy-Authentication-Info", "x"), ("Proxy-Authorization", "x"),
            ("TE", "x"), ("Transfer-Encoding", "x"), ("Upgrade", "x"), ("Proxy-Connection", "x"),
            ("Set-Cookie", "a=c"), ("Content-Encoding", "identity"), ("Content-Range", "weird"), ("X-Frame-Options", "DENY"));
        await h.Get();
        var hit = await h.Get();
        Assert.False(hit.OriginContacted);
        foreach (var gone in new[] { "Connection", "a", "b", "Keep-Alive", "Proxy-Authenticate", "Proxy-Authentication-Info", "Proxy-Authorization", "TE", "Transfer-Encoding", "Upgrade", "Proxy-Connection" })
        {
            Assert.Null(hit.Header(gone));
        }
        Assert.Equal("3", hit.Header("c"));
        Assert.Equal("a=c", hit.Header("Set-Cookie"));
        Assert.Equal("identity", hit.Header("Content-Encoding"));
        Assert.Equal("weird", hit.Header("Content-Range"));
        Assert.Equal("max-age=3600", hit.Header("Cache-Control"));
        Assert.Equal("body", hit.Body);
    }

    [Fact]
    public async Task QualifiedNoCacheAndPrivate_FieldsAreOmitted()
    {
        using var h = new CacheHarness();
        h.Origin.Reply(200, "x", ("Cache-Control", "no-cache=\"a, b\", private=\"c\""), ("a", "1"), ("b", "2"), ("c", "3"), ("d", "4"), ("Cache-Control", "max-age=3600"));
        await h.Get();
        var hit = await h.Get();
        Assert.False(hit.OriginContacted);
        Assert.Null(hit.Header("a"));
        Assert.Null(hit.Header("b"));
        Assert.Null(hit.Header("c"));
        Assert.Equal("4", hit.Header("d"));
    }

    [Fact]
    public async Task Authorization_BypassesByDefault()
    {
        using var h = new CacheHarness();
        h.Origin.Reply(200, "a", ("Cache-Control", "public, max-age=3600")).Reply(200, "b");
        var first = await h.Get("/r", ("Authorization", "FOO"));
        Assert.Equal(CacheLookupKind.Bypass, first.Lookup);
        Assert.Contains("fwd=bypass", first.CacheStatus);
        Assert.True((await h.Get()).OriginContacted);
    }

    [Theory]
    [InlineData("Expires-only", false)]
    [InlineData("max-age=3600, public", true)]
    [InlineData("max-age=3600, must-revalidate", true)]
    [InlineData("s-maxage=3600", true)]
    public async Task Authorization_FollowRfc_StoresOnlyWithExplicitPermission(string cacheControl, bool cached)
    {
        using var h = new CacheHarness(CachePolicy.Default with { AuthorizedRequests = AuthorizedRequestMode.FollowRfc });
        (string, string) header = cacheControl == "Expires-only" ? ("Expires", h.Date(100_000)) : ("Cache-Control", cacheControl);
        h.Origin.Reply(200, "a", header, ("Date", h.Date())).Reply(200, "b");
        var first = await h.Get("/r", ("Authorization", "FOO"));
        Assert.Equal("FOO", h.Origin.Received[0].Headers.GetCombined("Authorization"));
        Assert.Equal(cached, first.Stored);
        Assert.Equal(!cached, (await h.Get()).OriginContacted);
    }

    [Theory]
    [InlineData(SetCookieMode.StoreWhenExplicit, "max-age=3600", true)]
    [InlineData(SetCookieMode.StoreWhenExplicit, null, false)]
    [InlineData(SetCookieMode.Never, "max-age=3600", false)]
    [InlineData(SetCookieMode.Store, null, true)]
    public async Task SetCookie_FollowsThePolicy(SetCookieMode mode, string? cacheControl, bool stored)
    {
        using var h = new CacheHarness(CachePolicy.Default with { SetCookie = mode });
        var headers = new List<(string, string)> { ("Set-Cookie", "a=b"), ("Last-Modified", h.Date(-86400)), ("Date", h.Date()) };
        if (cacheControl is not null)
        {
            headers.Add(("Cache-Control", cacheControl));
        }
        h.Origin.Reply(200, "a", [.. headers]);
        Assert.Equal(stored, (await h.Get()).Stored);
    }

    [Fact]
    public async Task RequestCookie_DoesNotPreventReuse()
    {
        using var h = new CacheHarness();
        h.Origin.Reply(200, "a", ("Cache-Control", "max-age=3600"));
        await h.Get();
        Assert.False((await h.Get("/r", ("Cookie", "a=b"))).OriginContacted);
    }

    [Fact]
    public async Task QueryString_IsPartOfTheKey()
    {
        using var h = new CacheHarness();
        h.Origin.Reply(200, "a", ("Cache-Control", "max-age=3600")).Reply(200, "b", ("Cache-Control", "max-age=3600"));
        await h.Get("/r?test=1");
        Assert.True((await h.Get("/r?test=2")).OriginContacted);
        Assert.False((await h.Get("/r?test=1")).OriginContacted);
    }

    [Fact]
    public async Task KeyPolicy_DropsUnlistedQueryParameters()
    {
        var policy = CachePolicy.Default with { Key = new CacheKeyPolicy { QueryStrings = KeyComponentMode.AllowList, QueryStringNames = ["v"] } };
        using var h = new CacheHarness(policy);
        h.Origin.Reply(200, "a", ("Cache-Control", "max-age=3600"));
        await h.Get("/r?v=1&utm_source=x");
        Assert.False((await h.Get("/r?utm_source=y&v=1")).OriginContacted);
    }

    [Fact]
    public async Task KeyPolicy_HeadersAndCookiesSeparateVariants()
    {
        var policy = CachePolicy.Default with { Key = new CacheKeyPolicy { Headers = ["X-Device"], Cookies = KeyComponentMode.AllowList, CookieNames = ["lang"] } };
        using var h = new CacheHarness(policy);
        h.Origin.Handler = r => new OriginReply(200, HeaderList.Of(("Cache-Control", "max-age=3600")), System.Text.Encoding.UTF8.GetBytes(r.Headers.GetCombined("X-Device") ?? "none"));
        Assert.Equal("mobile", (await h.Get("/r", ("X-Device", "mobile"), ("Cookie", "lang=fr; session=1"))).Body);
        Assert.Equal("desktop", (await h.Get("/r", ("X-Device", "desktop"), ("Cookie", "lang=fr"))).Body);
        var hit = await h.Get("/r", ("X-Device", "mobile"), ("Cookie", "session=2; lang=fr"));
        Assert.False(hit.OriginContacted);
        Assert.Equal("mobile", hit.Body);
        Assert.True((await h.Get("/r", ("X-Device", "mobile"), ("Cookie", "lang=de"))).OriginContacted);
    }

    [Theory]
    [InlineData("max-age=0")]
    [InlineData("no-cache")]
    [InlineData("min-fresh=2000")]
    public async Task RequestDirective_ForcesForwarding_WhenThePolicyHonoursIt(string cacheControl)
    {
        using var h = new CacheHarness(CachePolicy.Default with { HonorRequestDirectives = true });
        h.Origin.Reply(200, "a", ("Cache-Control", "max-age=1500")).Reply(200, "b", ("Cache-Control", "max-age=1500"));
        await h.Get();
        h.Advance(1);
        var second = await h.Get("/r", ("Cache-Control", cacheControl));
        Assert.True(second.OriginContacted);
        Assert.Contains("fwd=request", second.CacheStatus);
    }

    [Theory]
    [InlineData("max-age=0")]
    [InlineData("no-cache")]
    [InlineData("min-fresh=2000")]
    public async Task RequestDirective_IsIgnoredByDefault_SoFloodsCannotBypassTheCache(string cacheControl)
    {
        using var h = new CacheHarness();
        h.Origin.Reply(200, "a", ("Cache-Control", "max-age=1500"));
        await h.Get();
        h.Advance(1);
        var second = await h.Get("/r", ("Cache-Control", cacheControl));
        Assert.False(second.OriginContacted);
    }

    [Fact]
    public async Task RequestNoStore_OnRevalidation_DoesNotEvictTheStoredResponse()
    {
        using var h = new CacheHarness(CachePolicy.Default with { HonorRequestDirectives = true });
        h.Origin.Reply(200, "a", ("Cache-Control", "max-age=1500")).Reply(200, "b", ("Cache-Control", "max-age=1500"));
        await h.Get();
        await h.Get("/r", ("Cache-Control", "no-cache, no-store"));
        var third = await h.Get();
        Assert.False(third.OriginContacted);
        Assert.Equal("a", third.Body);
    }

    [Fact]
    public async Task RequestMaxStale_AllowsAStaleResponse()
    {
        using var h = new CacheHarness();
        h.Origin.Reply(200, "a", ("Cache-Control", "max-age=1"));
        await h.Get();
        h.Advance(10);
        var second = await h.Get("/r", ("Cache-Control", "max-stale=1000"));
        Assert.False(second.OriginContacted);
    }

    [Fact]
    public async Task RequestNoStore_ServesButDoesNotStore()
    {
        using var h = new CacheHarness();
        h.Origin.Reply(200, "a", ("Cache-Control", "max-age=3600")).Reply(200, "b", ("Cache-Control", "max-age=3600"));
        await h.Get("/r", ("Cache-Control", "no-store"));
        Assert.True((await h.Get()).OriginContacted);
    }

    [Fact]
    public async Task OnlyIfCached_WithNothingStored_Is504()
    {
        using var h = new CacheHarness();
        var result = await h.Get("/r", ("Cache-Control", "only-if-cached"));
        Assert.Equal(504, result.Status);
        Assert.False(result.OriginContacted);
        Assert.Equal(CacheOutcome.GatewayTimeout, result.Outcome);
    }

    [Fact]
    public async Task PragmaNoCache_IsIgnored()
    {
        using var h = new CacheHarness();
        h.Origin.Reply(200, "a", ("Cache-Control", "max-age=3600"), ("Pragma", "no-cache"));
        await h.Get();
        Assert.False((await h.Get("/r", ("Pragma", "no-cache"))).OriginContacted);
    }

    [Fact]
    public async Task TooLargeDeclaredBody_IsNotStored()
    {
        using var h = new CacheHarness(CachePolicy.Default with { MaxObjectSize = 4 });
        h.Origin.Reply(200, "0123456789", ("Cache-Control", "max-age=3600"), ("Content-Length", "10"));
        var first = await h.Get();
        Assert.False(first.Stored);
        Assert.Contains("detail=too-large", first.CacheStatus);
    }

    [Fact]
    public async Task TooLargeUndeclaredBody_IsAbandonedMidStream()
    {
        using var h = new CacheHarness(CachePolicy.Default with { MaxObjectSize = 4 });
        h.Origin.Reply(200, "0123456789", ("Cache-Control", "max-age=3600")).Reply(200, "again");
        var first = await h.Get();
        Assert.Equal("0123456789", first.Body); // the client still gets everything
        Assert.False(first.Stored);
        Assert.True((await h.Get()).OriginContacted);
    }

    [Fact]
    public async Task Disabled_BypassesEverything()
    {
        using var h = new CacheHarness(CachePolicy.Disabled);
        h.Origin.Reply(200, "a", ("Cache-Control", "max-age=3600")).Reply(200, "b");
        var first = await h.Get();
        Assert.Equal(CacheLookupKind.Bypass, first.Lookup);
        Assert.Equal("Rempart; fwd=bypass; detail=disabled", first.CacheStatus);
        Assert.True((await h.Get()).OriginContacted);
    }
}
