using Rempart.Caching.Tests.Infrastructure;

namespace Rempart.Caching.Tests.Semantics;

/// <summary>Validation (RFC 9111 §4.3): conditional requests, 304 updates, client preconditions.</summary>
public sealed class RevalidationTests
{
    [Fact]
    public async Task Stale_WithETag_RevalidatesAndServesStoredBody()
    {
        using var h = new CacheHarness();
        h.Origin.Reply(200, "stored", ("Cache-Control", "max-age=2"), ("ETag", "\"abcd\""), ("Test-Header", "A"))
            .Reply(304, "", ("Cache-Control", "max-age=3600"), ("ETag", "\"abcd\""), ("Test-Header", "B"));
        await h.Get();
        h.Advance(3);
        var second = await h.Get();
        Assert.True(second.OriginContacted);
        Assert.Equal("\"abcd\"", h.Origin.Received[1].Headers.GetCombined("If-None-Match"));
        Assert.Equal(200, second.Status);
        Assert.Equal("stored", second.Body);
        Assert.Equal("B", second.Header("Test-Header"));
        Assert.Equal(CacheOutcome.Revalidated, second.Outcome);
        Assert.Contains("fwd=stale; fwd-status=304", second.CacheStatus);

        // The 304 freshened the entry: an hour of new life.
        h.Advance(100);
        var third = await h.Get();
        Assert.False(third.OriginContacted);
        Assert.Equal("B", third.Header("Test-Header"));
    }

    [Fact]
    public async Task Stale_WithLastModified_SendsIfModifiedSince()
    {
        using var h = new CacheHarness();
        var lastModified = "Wed, 01 Jan 2020 00:00:00 GMT";
        h.Origin.Reply(200, "stored", ("Cache-Control", "max-age=2"), ("Last-Modified", lastModified), ("Date", h.Date()), ("Test-Header", "A"))
            .Reply(304, "", ("Last-Modified", lastModified), ("Date", h.Date(3)));
        await h.Get();
        h.Advance(3);
        var second = await h.Get();
        Assert.Equal(lastModified, h.Origin.Received[1].Headers.GetCombined("If-Modified-Since"));
        Assert.Equal("A", second.Header("Test-Header"));
        Assert.Equal("stored", second.Body);
    }

    [Fact]
    public async Task UnquotedETag_IsSentVerbatimInTheConditionalRequest()
    {
        using var h = new CacheHarness();
        h.Origin.Reply(200, "a", ("Expires", h.Date(1)), ("Date", h.Date()), ("ETag", "abcdef")).Reply(304, "");
        await h.Get();
        h.Advance(2);
        await h.Get();
        Assert.Equal("abcdef", h.Origin.Received[1].Headers.GetCombined("If-None-Match"));
    }

    [Fact]
    public async Task WeakETag_IsSentAsIs()
    {
        using var h = new CacheHarness();
        h.Origin.Reply(200, "a", ("Expires", h.Date(1)), ("Date", h.Date()), ("ETag", "W/\"abcdef\"")).Reply(304, "");
        await h.Get();
        h.Advance(2);
        await h.Get();
        Assert.Equal("W/\"abcdef\"", h.Origin.Received[1].Headers.GetCombined("If-None-Match"));
    }

    [Fact]
    public async Task VaryHeaders_AreForwardedOnRevalidation()
    {
        using var h = new CacheHarness();
        h.Origin.Reply(200, "a", ("Expires", h.Date(1)), ("Date", h.Date()), ("ETag", "\"abcdef\""), ("Vary", "Abc")).Reply(304, "");
        await h.Get("/r", ("Abc", "123"));
        h.Advance(2);
        await h.Get("/r", ("Abc", "123"));
        Assert.Equal("123", h.Origin.Received[1].Headers.GetCombined("Abc"));
    }

    [Fact]
    public async Task NotModified_KeepsBodyDescribingFields()
    {
        using var h = new CacheHarness();
        h.Origin.Reply(200, "12345", ("Cache-Control", "max-age=2"), ("ETag", "\"e\""), ("Content-Length", "5"),
                ("Content-Encoding", "A"), ("Content-Range", "R1"), ("Content-MD5", "md5-old"), ("Content-Type", "text/plain"), ("Set-Cookie", "a=b"), ("Expires", "Fri, 01 Jan 2038 01:01:01 GMT"))
            .Reply(304, "", ("Cache-Control", "max-age=2"), ("ETag", "\"other\""), ("Content-Length", "10"),
                ("Content-Encoding", "B"), ("Content-Range", "R2"), ("Content-MD5", "md5-new"), ("Content-Type", "text/plain;charset=utf-8"), ("Set-Cookie", "a=c"), ("Expires", "Mon, 11 Jan 2038 11:11:11 GMT"));
        await h.Get();
        h.Advance(3);
        var second = await h.Get();
        Assert.Equal("5", second.Header("Content-Length"));
        Assert.Equal("A", second.Header("Content-Encoding"));
        Assert.Equal("R1", second.Header("Content-Range"));
        Assert.Equal("md5-old", second.Header("Content-MD5"));
        Assert.Equal("\"e\"", second.Header("ETag"));
        Assert.Equal("text/plain;charset=utf-8", second.Header("Content-Type"));
        Assert.Equal("a=c", second.Header("Set-Cookie"));
        Assert.Equal("Mon, 11 Jan 2038 11:11:11 GMT", second.Header("Expires"));
        Assert.Equal("12345", second.Body);
    }

    [Fact]
    public async Task NotModified_WithNoStore_ServesOnceThenForgets()
    {
        using var h = new CacheHarness();
        h.Origin.Reply(200, "a", ("Cache-Control", "max-age=2"), ("ETag", "\"e\""))
            .Reply(304, "", ("Cache-Control", "no-store"))
            .Reply(200, "b", ("Cache-Control", "max-age=2"));
        await h.Get();
        h.Advance(3);
        Assert.Equal("a", (await h.Get()).Body);
        var third = await h.Get();
        Assert.True(third.OriginContacted);
        Assert.Equal("uri-miss", third.CacheStatus.Split("fwd=")[1].Split(';')[0]);
    }

    [Fact]
    public async Task NewFullResponse_ReplacesTheStoredOne()
    {
        using var h = new CacheHarness();
        h.Origin.Reply(200, "old", ("Cache-Control", "max-age=2"), ("ETag", "\"1\""))
            .Reply(200, "new", ("Cache-Control", "max-age=100"), ("ETag", "\"2\""));
        await h.Get();
        h.Advance(3);
        Assert.Equal("new", (await h.Get()).Body);
        var third = await h.Get();
        Assert.False(third.OriginContacted);
        Assert.Equal("new", third.Body);
        Assert.Single(h.Store.GetVariants("http://example.test/r"));
    }

    [Fact]
    public async Task NoCacheResponse_IsAlwaysRevalidated()
    {
        using var h = new CacheHarness();
        h.Origin.Reply(200, "a", ("Cache-Control", "max-age=10000, no-cache"), ("ETag", "\"abcd\"")).Reply(304, "");
        await h.Get();
        var second = await h.Get();
        Assert.True(second.OriginContacted);
        Assert.Equal("\"abcd\"", h.Origin.Received[1].Headers.GetCombined("If-None-Match"));
        Assert.Equal("a", second.Body);
    }

    [Fact]
    public async Task MustRevalidate_FreshIsServed_StaleIsValidated()
    {
        using var h = new CacheHarness();
        h.Origin.Reply(200, "a", ("Cache-Control", "max-age=2, must-revalidate"), ("ETag", "\"abcd\"")).Reply(304, "");
        await h.Get();
        Assert.False((await h.Get()).OriginContacted);
        h.Advance(3);
        var third = await h.Get();
        Assert.True(third.OriginContacted);
        Assert.Equal(CacheOutcome.Revalidated, third.Outcome);
    }

    [Fact]
    public async Task RequestNoCache_ValidatesWithStoredETag()
    {
        using var h = new CacheHarness(CachePolicy.Default with { HonorRequestDirectives = true });
        h.Origin.Reply(200, "a", ("Cache-Control", "max-age=3600"), ("ETag", "AIQYGOWEMUCKSAI")).Reply(304, "");
        await h.Get();
        var second = await h.Get("/r", ("Cache-Control", "no-cache"));
        Assert.True(second.OriginContacted);
        Assert.Equal("AIQYGOWEMUCKSAI", h.Origin.Received[1].Headers.GetCombined("If-None-Match"));
    }

    [Theory]
    [InlineData("\"abcdef\"", "\"abcdef\"")]
    [InlineData("\"1234\", \"abcdef\", \"5678\"", "\"abcdef\"")]
    [InlineData("W/\"abcdef\"", "W/\"abcdef\"")]
    [InlineData("abcdef", "\"abcdef\"")]
    public async Task ClientIfNoneMatch_OnFreshEntry_Is304(string ifNoneMatch, string etag)
    {
        using var h = new CacheHarness();
        h.Origin.Reply(200, "a", ("Expires", h.Date(100000)), ("ETag", etag), ("Date", h.Date()), ("Content-Type", "text/plain"));
        await h.Get();
        var second = await h.Get("/r", ("If-None-Match", ifNoneMatch));
        Assert.False(second.OriginContacted);
        Assert.Equal(304, second.Status);
        Assert.Equal(etag, second.Header("ETag"));
        Assert.Null(second.Header("Content-Type"));
        Assert.Equal("", second.Body);
    }

    [Fact]
    public async Task ClientIfNoneMatch_Mismatch_GetsTheFullBody()
    {
        using var h = new CacheHarness();
        h.Origin.Reply(200, "a", ("Cache-Control", "max-age=100"), ("ETag", "\"x\""));
        await h.Get();
        var second = await h.Get("/r", ("If-None-Match", "\"y\""));
        Assert.Equal(200, second.Status);
        Assert.Equal("a", second.Body);
    }

    [Fact]
    public async Task ClientIfModifiedSince_OnFreshEntry_Is304()
    {
        using var h = new CacheHarness();
        h.Origin.Reply(200, "a", ("Cache-Control", "max-age=100000"), ("Last-Modified", h.Date(-3000)), ("Date", h.Date()));
        await h.Get();
        Assert.Equal(304, (await h.Get("/r", ("If-Modified-Since", h.Date(-2000)))).Status);
        Assert.Equal(200, (await h.Get("/r", ("If-Modified-Since", h.Date(-4000)))).Status);
    }

    [Fact]
    public async Task ClientConditional_OnMiss_PassesTheOrigins304Through()
    {
        using var h = new CacheHarness();
        h.Origin.Reply(304, "", ("ETag", "\"abcdef\""));
        var result = await h.Get("/r", ("If-None-Match", "\"abcdef\""));
        Assert.Equal(304, result.Status);
        Assert.Equal("\"abcdef\"", h.Origin.Received[0].Headers.GetCombined("If-None-Match"));
        Assert.Empty(h.Store.GetVariants("http://example.test/r"));
    }
}
