using Rempart.Caching.Tests.Infrastructure;

namespace Rempart.Caching.Tests.Semantics;

/// <summary>How stored responses are served: HEAD, ranges, stale-while-revalidate, stale-if-error, Cache-Status, targeted fields.</summary>
public sealed class ServingTests
{
    [Fact]
    public async Task Head_IsServedFromStoredGet_WithoutBody()
    {
        using var h = new CacheHarness();
        h.Origin.Reply(200, "0123456789", ("Cache-Control", "max-age=100"), ("Template-A", "1"));
        await h.Get();
        var head = await h.Send("HEAD", "/r");
        Assert.False(head.OriginContacted);
        Assert.Equal(200, head.Status);
        Assert.Equal("", head.Body);
        Assert.Equal("10", head.Header("Content-Length"));
        Assert.Equal("1", head.Header("Template-A"));
    }

    [Fact]
    public async Task Head_Miss_IsForwardedAsHeadAndNotStored()
    {
        using var h = new CacheHarness();
        h.Origin.Reply(200, "", ("Cache-Control", "max-age=100")).Reply(200, "body", ("Cache-Control", "max-age=100"));
        var head = await h.Send("HEAD", "/r");
        Assert.Equal("HEAD", h.Origin.Received[0].Method);
        Assert.False(head.Stored);
        Assert.True((await h.Get()).OriginContacted);
    }

    [Fact]
    public async Task Head_Response_FreshensTheStoredGet()
    {
        using var h = new CacheHarness();
        h.Origin.Reply(200, "body", ("Cache-Control", "max-age=2"), ("Template-A", "1"))
            .Reply(200, "", ("Cache-Control", "max-age=1000"), ("Template-A", "2"));
        await h.Get();
        h.Advance(3);
        await h.Send("HEAD", "/r");
        var get = await h.Get();
        Assert.False(get.OriginContacted);
        Assert.Equal("2", get.Header("Template-A"));
        Assert.Equal("body", get.Body);
    }

    [Theory]
    [InlineData("bytes=0-1", "01", "bytes 0-1/11")]
    [InlineData("bytes=1-", "1234567890", "bytes 1-10/11")]
    [InlineData("bytes=-1", "0", "bytes 10-10/11")]
    public async Task Range_IsServedFromTheStoredFullResponse(string range, string body, string contentRange)
    {
        using var h = new CacheHarness();
        h.Origin.Reply(200, "01234567890", ("Cache-Control", "max-age=3600"), ("A", "1"));
        await h.Get();
        var partial = await h.Get("/r", ("Range", range));
        Assert.False(partial.OriginContacted);
        Assert.Equal(206, partial.Status);
        Assert.Equal(body, partial.Body);
        Assert.Equal(contentRange, partial.Header("Content-Range"));
        Assert.Equal(body.Length.ToString(System.Globalization.CultureInfo.InvariantCulture), partial.Header("Content-Length"));
        Assert.Equal("1", partial.Header("A"));
    }

    [Fact]
    public async Task Range_Unsatisfiable_Is416()
    {
        using var h = new CacheHarness();
        h.Origin.Reply(200, "0123", ("Cache-Control", "max-age=3600"));
        await h.Get();
        var result = await h.Get("/r", ("Range", "bytes=10-"));
        Assert.Equal(416, result.Status);
        Assert.Equal("bytes */4", result.Header("Content-Range"));
    }

    [Fact]
    public async Task Range_WithStaleIfRange_GetsTheFullBody()
    {
        using var h = new CacheHarness();
        h.Origin.Reply(200, "0123", ("Cache-Control", "max-age=3600"), ("ETag", "\"v2\""));
        await h.Get();
        var result = await h.Get("/r", ("Range", "bytes=0-1"), ("If-Range", "\"v1\""));
        Assert.Equal(200, result.Status);
        Assert.Equal("0123", result.Body);
        Assert.Equal(206, (await h.Get("/r", ("Range", "bytes=0-1"), ("If-Range", "\"v2\""))).Status);
    }

    [Fact]
    public async Task RangeMiss_FetchesTheWholeObject_AndAnswersTheRangeFromTheFill()
    {
        using var h = new CacheHarness(CachePolicy.Default with { FetchFullObjectOnRangeMiss = true });
        h.Origin.Reply(200, "0123456789", ("Cache-Control", "max-age=600"), ("Content-Length", "10"), ("ETag", "\"v\""));
        var first = await h.Get("/video", ("Range", "bytes=2-5"), ("If-Range", "\"v\""));
        Assert.Null(h.Origin.Received[0].Headers.GetCombined("Range"));
        Assert.Null(h.Origin.Received[0].Headers.GetCombined("If-Range"));
        Assert.Equal(206, first.Status);
        Assert.Equal("2345", first.Body);
        Assert.Equal("bytes 2-5/10", first.Header("Content-Range"));
        Assert.True(first.Stored);
        var second = await h.Get("/video", ("Range", "bytes=-3"));
        Assert.False(second.OriginContacted);
        Assert.Equal("789", second.Body);
    }

    [Fact]
    public async Task RangeMiss_UnknownLength_AnswersWithTheWholeBody()
    {
        using var h = new CacheHarness(CachePolicy.Default with { FetchFullObjectOnRangeMiss = true });
        h.Origin.Reply(200, "0123456789", ("Cache-Control", "max-age=600"));
        var first = await h.Get("/video", ("Range", "bytes=2-5"));
        Assert.Equal(200, first.Status);
        Assert.Equal("0123456789", first.Body);
        Assert.Equal(206, (await h.Get("/video", ("Range", "bytes=2-5"))).Status);
    }

    [Fact]
    public async Task RangeMiss_SwitchOff_ForwardsTheRange()
    {
        using var h = new CacheHarness();
        h.Origin.Reply(206, "2345", ("Cache-Control", "max-age=600"), ("Content-Range", "bytes 2-5/10"));
        var first = await h.Get("/video", ("Range", "bytes=2-5"));
        Assert.Equal("bytes=2-5", h.Origin.Received[0].Headers.GetCombined("Range"));
        Assert.Equal(206, first.Status);
        Assert.False(first.Stored);
    }

    [Fact]
    public async Task PartialResponses_AreNeverStored()
    {
        using var h = new CacheHarness();
        h.Origin.Reply(206, "01234", ("Cache-Control", "max-age=3600"), ("Content-Range", "bytes 4-9/10"));
        var first = await h.Get("/r", ("Range", "bytes=-5"));
        Assert.False(first.Stored);
    }

    [Fact]
    public async Task StaleWhileRevalidate_ServesStaleAndRefreshesOnce()
    {
        using var h = new CacheHarness();
        h.Origin.Reply(200, "v1", ("Cache-Control", "max-age=2, stale-while-revalidate=60"), ("ETag", "\"1\""))
            .Reply(200, "v2", ("Cache-Control", "max-age=100"), ("ETag", "\"2\""));
        await h.Get();
        h.Advance(10);
        var stale = await h.Get();
        Assert.Equal(CacheLookupKind.Stale, stale.Lookup);
        Assert.Equal(CacheOutcome.StaleHit, stale.Outcome);
        Assert.Equal("v1", stale.Body);
        Assert.Equal("\"1\"", h.Origin.Received[1].Headers.GetCombined("If-None-Match"));
        Assert.Contains("detail=stale-while-revalidate", stale.CacheStatus);
        var fresh = await h.Get();
        Assert.False(fresh.OriginContacted);
        Assert.Equal("v2", fresh.Body);
    }

    [Fact]
    public async Task StaleWhileRevalidate_OneBackgroundRefreshPerKey()
    {
        using var h = new CacheHarness();
        h.Origin.Reply(200, "v1", ("Cache-Control", "max-age=2, stale-while-revalidate=60"));
        await h.Get();
        h.Advance(10);
        var request = CacheRequest.Get("http://example.test/r");
        using var first = await h.Engine.LookupAsync(request, h.Policy, CancellationToken.None);
        using var second = await h.Engine.LookupAsync(request, h.Policy, CancellationToken.None);
        Assert.True(first.RevalidateInBackground);
        Assert.False(second.RevalidateInBackground);
        Assert.Equal(CacheLookupKind.Stale, second.Kind);
    }

    [Fact]
    public async Task StaleWhileRevalidate_WindowOver_Revalidates()
    {
        using var h = new CacheHarness();
        h.Origin.Reply(200, "v1", ("Cache-Control", "max-age=2, stale-while-revalidate=5")).Reply(200, "v2", ("Cache-Control", "max-age=2"));
        await h.Get();
        h.Advance(10);
        var result = await h.Get();
        Assert.Equal(CacheLookupKind.Revalidate, result.Lookup);
        Assert.Equal("v2", result.Body);
    }

    [Theory]
    [InlineData(500)]
    [InlineData(502)]
    [InlineData(503)]
    [InlineData(504)]
    public async Task StaleIfError_ServesStaleOnServerError(int status)
    {
        using var h = new CacheHarness();
        h.Origin.Reply(200, "good", ("Cache-Control", "max-age=2, stale-if-error=60")).Reply(status, "bad");
        await h.Get();
        h.Advance(10);
        var result = await h.Get();
        Assert.True(result.OriginContacted);
        Assert.Equal(200, result.Status);
        Assert.Equal("good", result.Body);
        Assert.Contains("detail=stale-if-error", result.CacheStatus);
        Assert.Contains($"fwd-status={status}", result.CacheStatus);
    }

    [Fact]
    public async Task StaleIfError_ServesStaleWhenTheOriginIsUnreachable()
    {
        using var h = new CacheHarness();
        h.Origin.Reply(200, "good", ("Cache-Control", "max-age=2, stale-if-error=60")).Reply(new OriginReply(0, new HeaderList(), []) { ConnectionFailure = true });
        await h.Get();
        h.Advance(10);
        var result = await h.Get();
        Assert.Equal("good", result.Body);
        Assert.Equal(CacheOutcome.StaleIfError, result.Outcome);
    }

    [Theory]
    [InlineData("max-age=2, must-revalidate, stale-if-error=60")]
    [InlineData("max-age=2, proxy-revalidate, stale-if-error=60")]
    [InlineData("max-age=2, no-cache, stale-if-error=60")]
    [InlineData("max-age=2, s-maxage=2, stale-if-error=60")]
    [InlineData("max-age=2")]
    [InlineData("max-age=2, stale-if-error=5")]
    public async Task StaleIfError_NotAllowed_PassesTheErrorOn(string cacheControl)
    {
        using var h = new CacheHarness();
        h.Origin.Reply(200, "good", ("Cache-Control", cacheControl)).Reply(new OriginReply(0, new HeaderList(), []) { ConnectionFailure = true });
        await h.Get();
        h.Advance(10);
        Assert.Equal(502, (await h.Get()).Status);
    }

    [Fact]
    public async Task StaleIfUnreachable_ServesStaleOnlyWhenTheOriginIsDown()
    {
        using var h = new CacheHarness(CachePolicy.Default with { StaleIfUnreachable = TimeSpan.FromHours(1) });
        h.Origin.Reply(200, "good", ("Cache-Control", "max-age=2"))
            .Reply(new OriginReply(0, new HeaderList(), []) { ConnectionFailure = true })
            .Reply(503, "bad");
        await h.Get();
        h.Advance(10);
        var down = await h.Get();
        Assert.Equal("good", down.Body);
        Assert.Contains("detail=stale-if-error", down.CacheStatus);
        Assert.Equal(503, (await h.Get()).Status); // an answer from the origin is not "disconnected"
    }

    [Fact]
    public async Task StaleIfError_PolicyDefault_AppliesWhenTheOriginSaysNothing()
    {
        using var h = new CacheHarness(CachePolicy.Default with { DefaultStaleIfError = TimeSpan.FromMinutes(5) });
        h.Origin.Reply(200, "good", ("Cache-Control", "max-age=2")).Reply(503, "bad");
        await h.Get();
        h.Advance(10);
        Assert.Equal("good", (await h.Get()).Body);
    }

    [Fact]
    public async Task CdnCacheControl_TakesPrecedence()
    {
        using var h = new CacheHarness();
        h.Origin.Reply(200, "a", ("Cache-Control", "no-store"), ("CDN-Cache-Control", "max-age=600"));
        await h.Get();
        Assert.False((await h.Get()).OriginContacted);
    }

    [Fact]
    public async Task CdnCacheControl_NoStore_OverridesFreshCacheControl()
    {
        using var h = new CacheHarness();
        h.Origin.Reply(200, "a", ("Cache-Control", "max-age=600"), ("CDN-Cache-Control", "no-store")).Reply(200, "b");
        await h.Get();
        Assert.True((await h.Get()).OriginContacted);
    }

    [Fact]
    public async Task CdnCacheControl_IgnoresExpires()
    {
        using var h = new CacheHarness();
        h.Origin.Reply(200, "a", ("Expires", h.Date(3600)), ("Date", h.Date()), ("CDN-Cache-Control", "max-age=1")).Reply(200, "b");
        await h.Get();
        h.Advance(2);
        Assert.True((await h.Get()).OriginContacted);
    }

    [Fact]
    public async Task CdnCacheControl_Invalid_FallsBackToCacheControl()
    {
        using var h = new CacheHarness();
        h.Origin.Reply(200, "a", ("Cache-Control", "max-age=600"), ("CDN-Cache-Control", "Max-Age=0"));
        await h.Get();
        Assert.False((await h.Get()).OriginContacted);
    }

    [Fact]
    public async Task OperatorTargetedField_BeatsCdnCacheControl()
    {
        var options = new CacheEngineOptions { TargetedFields = ["Rempart-Cache-Control", "CDN-Cache-Control"] };
        using var h = new CacheHarness(options: options);
        h.Origin.Reply(200, "a", ("CDN-Cache-Control", "no-store"), ("Rempart-Cache-Control", "max-age=60"));
        await h.Get();
        Assert.False((await h.Get()).OriginContacted);
    }

    [Fact]
    public async Task CacheStatus_DescribesEachPath()
    {
        using var h = new CacheHarness(options: new CacheEngineOptions { CacheStatusName = "edge-1" });
        h.Origin.Reply(200, "a", ("Cache-Control", "max-age=60"), ("Cache-Status", "origin-cache; hit"));
        var miss = await h.Get();
        Assert.Equal("edge-1; fwd=uri-miss; fwd-status=200; ttl=60; stored", miss.CacheStatus);
        h.Advance(10);
        var hit = await h.Get();
        Assert.Equal("edge-1; hit; ttl=50", hit.CacheStatus);
        Assert.Equal(["origin-cache; hit", "edge-1; hit; ttl=50"], hit.Headers.GetValues("Cache-Status"));
    }

    [Fact]
    public async Task AbortedBody_IsNeverStored()
    {
        using var h = new CacheHarness();
        h.Origin.Reply(new OriginReply(200, HeaderList.Of(("Cache-Control", "max-age=60")), "0123456789"u8.ToArray()) { AbortAfterBytes = 4 })
            .Reply(200, "0123456789", ("Cache-Control", "max-age=60"));
        var first = await h.Get();
        Assert.True(first.Aborted);
        var second = await h.Get();
        Assert.True(second.OriginContacted);
        Assert.Equal("0123456789", second.Body);
    }

    [Fact]
    public async Task BodyShorterThanContentLength_IsNotStored()
    {
        using var h = new CacheHarness();
        h.Origin.Reply(200, "0123", ("Cache-Control", "max-age=60"), ("Content-Length", "10")).Reply(200, "x");
        var first = await h.Get();
        Assert.False(first.Stored);
        Assert.True((await h.Get()).OriginContacted);
    }

    [Fact]
    public async Task BodyLongerThanContentLength_IsNotStored()
    {
        using var h = new CacheHarness();
        h.Origin.Reply(200, "0123456789", ("Cache-Control", "max-age=60"), ("Content-Length", "4"));
        Assert.False((await h.Get()).Stored);
    }

    [Fact]
    public async Task ConflictingHeaders_ResolveToTheSafeReading()
    {
        using var h = new CacheHarness();
        h.Origin.Handler = _ => new OriginReply(200, HeaderList.Of(
            ("Cache-Control", "max-age=600, no-store"), ("Cache-Control", "public"), ("Expires", "garbage"),
            ("Age", "-5"), ("Content-Length", "abc"), ("Vary", ""), ("ETag", "")), "x"u8.ToArray());
        await h.Get();
        Assert.True((await h.Get()).OriginContacted);
    }
}
