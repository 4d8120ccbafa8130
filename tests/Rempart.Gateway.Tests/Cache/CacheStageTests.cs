using System.Net;
using System.Net.Http.Headers;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Time.Testing;
using Rempart.Gateway.Tests.Infrastructure;
using static Rempart.Gateway.Tests.Cache.CacheTestSupport;

namespace Rempart.Gateway.Tests.Cache;

/// <summary>The cache stage through a running gateway: hits, misses, revalidation, stale serving, invalidation.</summary>
public class CacheStageTests
{
    [Fact]
    public async Task FreshResponse_SecondRequestIsAHit_WithAgeAndCacheStatus()
    {
        await using var origin = await TestOrigin.StartAsync();
        origin.Handler = Answer("v1", ("Cache-Control", "max-age=60"), ("Date", DateTime.UtcNow.ToString("R")));
        await using var gw = await TestGateway.StartAsync(Config(origin));

        using var first = await gw.Client.GetAsync("/a");
        await StoredAsync(gw, 1);
        using var second = await gw.Client.GetAsync("/a");

        Assert.Equal("v1", await second.Content.ReadAsStringAsync());
        Assert.Equal(1, origin.Hits);
        Assert.Contains("fwd=uri-miss", CacheStatus(first));
        Assert.Contains("stored", CacheStatus(first));
        Assert.StartsWith("Rempart; hit", CacheStatus(second));
        Assert.True(second.Headers.Age.HasValue);
        Assert.True(second.Headers.Contains("X-Request-Id"));
        Assert.NotEqual(first.Headers.GetValues("X-Request-Id").Single(), second.Headers.GetValues("X-Request-Id").Single());
        Assert.Contains("rempart", string.Join(",", second.Headers.GetValues("Via")));
    }

    [Fact]
    public async Task AStrayUpgradeHeader_DoesNotSkipTheCache()
    {
        await using var origin = await TestOrigin.StartAsync();
        origin.Handler = Answer("v1", ("Cache-Control", "max-age=60"), ("Date", DateTime.UtcNow.ToString("R")));
        await using var gw = await TestGateway.StartAsync(Config(origin));

        using var first = await gw.Client.GetAsync("/a");
        await StoredAsync(gw, 1);
        var raw = await RawHttp.SendAsync(gw.Address, $"GET /a HTTP/1.1\r\nHost: {gw.Address.Authority}\r\nUpgrade: anything\r\nConnection: close\r\n\r\n");

        Assert.StartsWith("HTTP/1.1 200", raw, StringComparison.Ordinal);
        Assert.True(raw.Contains("Rempart; hit", StringComparison.Ordinal), raw);
        Assert.Equal(1, origin.Hits);
    }

    [Fact]
    public async Task ResponseWithoutFreshness_IsNotStored()
    {
        await using var origin = await TestOrigin.StartAsync();
        await using var gw = await TestGateway.StartAsync(Config(origin));

        await gw.Client.GetStringAsync("/plain");
        await gw.Client.GetStringAsync("/plain");

        Assert.Equal(2, origin.Hits);
    }

    [Fact]
    public async Task DisabledRoute_NeverStoresNorAddsCacheStatus()
    {
        await using var origin = await TestOrigin.StartAsync();
        origin.Handler = Answer("v1", ("Cache-Control", "max-age=60"));
        await using var gw = await TestGateway.StartAsync(Config(origin, "disabled"));

        using var first = await gw.Client.GetAsync("/a");
        using var second = await gw.Client.GetAsync("/a");

        Assert.Equal(2, origin.Hits);
        Assert.Equal("", CacheStatus(second));
    }

    [Fact]
    public async Task StaleEntry_IsRevalidatedWithItsETag_And304ServesTheStoredBody()
    {
        await using var origin = await TestOrigin.StartAsync();
        origin.Handler = async context =>
        {
            if (context.Request.Headers.IfNoneMatch == "\"v1\"")
            {
                context.Response.StatusCode = 304;
                context.Response.Headers.ETag = "\"v1\"";
                context.Response.Headers.CacheControl = "max-age=0";
                return;
            }

            await Answer("stored body", ("Cache-Control", "max-age=0"), ("ETag", "\"v1\""))(context);
        };
        await using var gw = await TestGateway.StartAsync(Config(origin));

        await gw.Client.GetStringAsync("/r");
        using var second = await gw.Client.GetAsync("/r");

        Assert.Equal(HttpStatusCode.OK, second.StatusCode);
        Assert.Equal("stored body", await second.Content.ReadAsStringAsync());
        Assert.Equal("\"v1\"", origin.Received.Last().Headers["If-None-Match"]);
        Assert.Contains("fwd-status=304", CacheStatus(second));
    }

    [Fact]
    public async Task ClientPrecondition_OnAHit_Gets304FromTheCache()
    {
        await using var origin = await TestOrigin.StartAsync();
        origin.Handler = Answer("body", ("Cache-Control", "max-age=60"), ("ETag", "\"e1\""));
        await using var gw = await TestGateway.StartAsync(Config(origin));
        await gw.Client.GetStringAsync("/c");

        using var request = new HttpRequestMessage(HttpMethod.Get, "/c");
        request.Headers.IfNoneMatch.Add(new EntityTagHeaderValue("\"e1\""));
        using var response = await gw.Client.SendAsync(request);

        Assert.Equal(HttpStatusCode.NotModified, response.StatusCode);
        Assert.Equal(1, origin.Hits);
    }

    [Fact]
    public async Task HeadAndRange_AreServedFromTheStoredGet()
    {
        await using var origin = await TestOrigin.StartAsync();
        origin.Handler = Answer("0123456789", ("Cache-Control", "max-age=60"));
        await using var gw = await TestGateway.StartAsync(Config(origin));
        await gw.Client.GetStringAsync("/f");

        using var head = await gw.Client.SendAsync(new HttpRequestMessage(HttpMethod.Head, "/f"));
        using var range = new HttpRequestMessage(HttpMethod.Get, "/f");
        range.Headers.Range = new RangeHeaderValue(2, 4);
        using var partial = await gw.Client.SendAsync(range);

        Assert.Equal(HttpStatusCode.OK, head.StatusCode);
        Assert.Equal(10, head.Content.Headers.ContentLength);
        Assert.Equal(HttpStatusCode.PartialContent, partial.StatusCode);
        Assert.Equal("234", await partial.Content.ReadAsStringAsync());
        Assert.Equal(1, origin.Hits);
    }

    [Fact]
    public async Task RangeMiss_FetchesTheWholeObject_AnswersTheRange_AndStoresIt()
    {
        await using var origin = await TestOrigin.StartAsync();
        origin.Handler = Answer("abcdefghij", ("Cache-Control", "max-age=60"));
        await using var gw = await TestGateway.StartAsync(Config(origin));

        using var range = new HttpRequestMessage(HttpMethod.Get, "/video");
        range.Headers.Range = new RangeHeaderValue(0, 2);
        using var partial = await gw.Client.SendAsync(range);
        var whole = await gw.Client.GetStringAsync("/video");

        Assert.Equal(HttpStatusCode.PartialContent, partial.StatusCode);
        Assert.Equal("abc", await partial.Content.ReadAsStringAsync());
        Assert.Equal("abcdefghij", whole);
        Assert.Equal(1, origin.Hits);
        Assert.False(origin.Received.Single().Headers.ContainsKey("Range"));
    }

    [Fact]
    public async Task SuccessfulUnsafeMethod_InvalidatesTheStoredResponse()
    {
        await using var origin = await TestOrigin.StartAsync();
        origin.Handler = Answer("v", ("Cache-Control", "max-age=60"));
        await using var gw = await TestGateway.StartAsync(Config(origin));
        await gw.Client.GetStringAsync("/item");
        await gw.Client.GetStringAsync("/item");
        Assert.Equal(1, origin.Hits);

        using var post = await gw.Client.PostAsync("/item", new StringContent("x"));
        await gw.Client.GetStringAsync("/item");

        Assert.Equal(3, origin.Hits);
    }

    [Fact]
    public async Task OriginDown_StaleIfError_ServesTheStoredResponse()
    {
        var time = new FakeTimeProvider(DateTimeOffset.UtcNow);
        await using var origin = await TestOrigin.StartAsync();
        origin.Handler = Answer("good", ("Cache-Control", "max-age=10, stale-if-error=600"), ("Date", time.GetUtcNow().ToString("R")));
        await using var gw = await TestGateway.StartAsync(Config(origin), time);
        await gw.Client.GetStringAsync("/s");

        time.Advance(TimeSpan.FromSeconds(30));
        origin.Handler = context => { context.Response.StatusCode = 503; return Task.CompletedTask; };
        using var response = await gw.Client.GetAsync("/s");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("good", await response.Content.ReadAsStringAsync());
        Assert.Contains("stale-if-error", CacheStatus(response));
    }

    [Fact]
    public async Task StaleWhileRevalidate_ServesStaleAtOnce_AndRefreshesInTheBackground()
    {
        var time = new FakeTimeProvider(DateTimeOffset.UtcNow);
        await using var origin = await TestOrigin.StartAsync();
        var version = 1;
        origin.Handler = context => Answer($"v{version}", ("Cache-Control", "max-age=10, stale-while-revalidate=600"), ("Date", time.GetUtcNow().ToString("R")))(context);
        await using var gw = await TestGateway.StartAsync(Config(origin), time);
        await gw.Client.GetStringAsync("/swr");

        time.Advance(TimeSpan.FromSeconds(30));
        version = 2;
        using var stale = await gw.Client.GetAsync("/swr");
        Assert.Equal("v1", await stale.Content.ReadAsStringAsync());
        Assert.Contains("stale-while-revalidate", CacheStatus(stale));

        await Eventually.TrueAsync(async () => await gw.Client.GetStringAsync("/swr") == "v2", "the background refresh stored v2");
        Assert.Equal(2, origin.Hits);
    }

    [Fact]
    public async Task ConcurrentMisses_OnASlowOrigin_SendOneRequest()
    {
        await using var origin = await TestOrigin.StartAsync();
        var release = new TaskCompletionSource();
        origin.Handler = async context =>
        {
            await release.Task;
            await Answer(new string('x', 5000), ("Cache-Control", "max-age=60"))(context);
        };
        await using var gw = await TestGateway.StartAsync(Config(origin));

        var requests = Enumerable.Range(0, 20).Select(_ => gw.Client.GetStringAsync("/herd")).ToList();
        await Eventually.TrueAsync(() => origin.Hits >= 1, "the first request reached the origin");
        release.SetResult();
        var bodies = await Task.WhenAll(requests);

        Assert.All(bodies, b => Assert.Equal(5000, b.Length));
        Assert.Equal(1, origin.Hits);
    }

    [Fact]
    public async Task OriginAbortingMidBody_IsNeverStored()
    {
        await using var origin = await TestOrigin.StartAsync();
        var abort = true;
        origin.Handler = async context =>
        {
            context.Response.Headers.CacheControl = "max-age=60";
            context.Response.ContentLength = 10_000;
            await context.Response.WriteAsync(new string('a', 4000));
            await context.Response.Body.FlushAsync();
            if (abort)
            {
                context.Abort();
                return;
            }

            await context.Response.WriteAsync(new string('a', 6000));
        };
        await using var gw = await TestGateway.StartAsync(Config(origin));

        await Assert.ThrowsAnyAsync<HttpRequestException>(() => gw.Client.GetStringAsync("/cut"));
        abort = false;
        var whole = await gw.Client.GetStringAsync("/cut");

        Assert.Equal(10_000, whole.Length);
        Assert.Equal(2, origin.Hits);
    }

    [Fact]
    public async Task AuthorizedRequests_BypassByDefault()
    {
        await using var origin = await TestOrigin.StartAsync();
        origin.Handler = Answer("secret", ("Cache-Control", "public, max-age=60"));
        await using var gw = await TestGateway.StartAsync(Config(origin));

        for (var i = 0; i < 2; i++)
        {
            using var request = new HttpRequestMessage(HttpMethod.Get, "/me");
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", "t");
            using var response = await gw.Client.SendAsync(request);
            Assert.Contains("fwd=bypass", CacheStatus(response));
        }

        Assert.Equal(2, origin.Hits);
    }

    [Fact]
    public async Task AccessLogAndMetrics_SayWhatTheCacheDid()
    {
        await using var origin = await TestOrigin.StartAsync();
        origin.Handler = Answer("m", ("Cache-Control", "max-age=60"));
        await using var gw = await TestGateway.StartAsync(Config(origin, extra: "logs: { access: { target: access.log } }"));
        await gw.Client.GetStringAsync("/m");
        await gw.Client.GetStringAsync("/m");

        var metrics = await gw.MetricsAsync();
        Assert.Matches("rempart_cache_requests_total\\{[^}]*outcome=\"hit\"[^}]*\\} 1", metrics);
        Assert.Matches("rempart_cache_requests_total\\{[^}]*outcome=\"miss\"[^}]*\\} 1", metrics);
        Assert.Contains("rempart_cache_store_entries{tier=\"memory\"} 1", metrics);
        var log = Path.Combine(gw.Host.DataDirectory, "access.log");
        await Eventually.TrueAsync(() => File.Exists(log) && File.ReadAllText(log).Contains("\"cache_status\":\"hit\""), "the hit is in the access log");
    }

    /// <summary>
    /// The fill commits the entry once the origin's body has arrived whole, which can be just after the
    /// client read its last byte: a request sent at once would then be collapsed onto the fill, not a hit.
    /// </summary>
    private static Task StoredAsync(TestGateway gw, int entries) => Eventually.TrueAsync(async () =>
    {
        using var stats = System.Text.Json.JsonDocument.Parse(await gw.Admin.GetStringAsync("/api/v1/cache/stats"));
        return stats.RootElement.GetProperty("memory").GetProperty("entries").GetInt32() >= entries;
    }, $"{entries} entr(ies) stored");
}
