using Rempart.Caching.Invalidation;
using Rempart.Caching.Tests.Infrastructure;

namespace Rempart.Caching.Tests.Semantics;

/// <summary>Invalidation by unsafe methods (RFC 9111 §4.4) and by the operator (paths, wildcards, surrogate keys, all).</summary>
public sealed class InvalidationTests
{
    private static async Task<CacheHarness> WithStored(params string[] paths)
    {
        var h = new CacheHarness();
        foreach (var path in paths)
        {
            h.Origin.Reply(200, path, ("Expires", h.Date(100000)), ("Date", h.Date()), ("Surrogate-Key", "all " + path.Trim('/').Split('/')[0]), ("Cache-Tag", "t-" + path.Length));
            await h.Get(path);
        }
        return h;
    }

    [Theory]
    [InlineData("POST")]
    [InlineData("PUT")]
    [InlineData("DELETE")]
    [InlineData("M-SEARCH")]
    public async Task SuccessfulUnsafeMethod_InvalidatesTheTarget(string method)
    {
        using var h = await WithStored("/r");
        h.Origin.Reply(200, "done").Reply(200, "again", ("Expires", h.Date(100000)));
        var unsafeResult = await h.Send(method, "/r");
        Assert.Equal(CacheLookupKind.Bypass, unsafeResult.Lookup);
        Assert.Contains("fwd=method", unsafeResult.CacheStatus);
        Assert.True((await h.Get("/r")).OriginContacted);
    }

    [Theory]
    [InlineData("POST")]
    [InlineData("PUT")]
    [InlineData("DELETE")]
    [InlineData("M-SEARCH")]
    public async Task FailedUnsafeMethod_KeepsTheStoredResponse(string method)
    {
        using var h = await WithStored("/r");
        h.Origin.Reply(500, "boom");
        await h.Send(method, "/r");
        Assert.False((await h.Get("/r")).OriginContacted);
    }

    [Theory]
    [InlineData("Location")]
    [InlineData("Content-Location")]
    public async Task UnsafeMethod_InvalidatesSameOriginLocations(string field)
    {
        using var h = await WithStored("/dir/target", "/dir/other");
        h.Origin.Reply(201, "created", (field, "target"));
        await h.Send("POST", "/dir/new");
        h.Origin.Reply(200, "x", ("Expires", h.Date(100000)));
        Assert.True((await h.Get("/dir/target")).OriginContacted);
        Assert.False((await h.Get("/dir/other")).OriginContacted);
    }

    [Fact]
    public async Task UnsafeMethod_IgnoresForeignLocations()
    {
        using var h = await WithStored("/target");
        h.Origin.Reply(201, "created", ("Location", "http://elsewhere.test/target"), ("Content-Location", "::not a uri::"));
        await h.Send("POST", "/new");
        Assert.False((await h.Get("/target")).OriginContacted);
    }

    [Fact]
    public async Task Paths_ExactAndWildcard()
    {
        using var h = await WithStored("/img/a.png", "/img/b.png", "/index.html", "/imgx", "/q?x=1");
        Assert.Equal(2, h.Engine.Invalidate(new CacheInvalidation { Paths = ["/img/*"] }));
        Assert.Equal(1, h.Engine.Invalidate(new CacheInvalidation { Paths = ["/q"] }));
        Assert.Equal(0, h.Engine.Invalidate(new CacheInvalidation { Paths = ["/INDEX.html"] }));
        Assert.Equal(2, h.Store.Stats.Entries);
    }

    [Fact]
    public async Task Paths_WithQuery_MatchExactly()
    {
        using var h = await WithStored("/q?x=1", "/q?x=2");
        Assert.Equal(1, h.Engine.Invalidate(new CacheInvalidation { Paths = ["/q?x=2"] }));
        Assert.Equal(1, h.Store.Stats.Entries);
    }

    [Fact]
    public async Task Host_RestrictsPathMatches()
    {
        using var h = await WithStored("/a");
        Assert.Equal(0, h.Engine.Invalidate(new CacheInvalidation { Paths = ["/a"], Host = "other.test" }));
        Assert.Equal(1, h.Engine.Invalidate(new CacheInvalidation { Paths = ["/a"], Host = "EXAMPLE.test" }));
    }

    [Fact]
    public async Task SurrogateKeys_FromEitherField()
    {
        using var h = await WithStored("/img/a.png", "/img/b.png", "/css/site.css");
        Assert.Equal(2, h.Engine.Invalidate(new CacheInvalidation { SurrogateKeys = ["img"] }));
        Assert.Equal(1, h.Engine.Invalidate(new CacheInvalidation { SurrogateKeys = ["t-13"] }));
        Assert.Equal(0, h.Store.Stats.Entries);
    }

    [Fact]
    public async Task All_ClearsEverything()
    {
        using var h = await WithStored("/a", "/b", "/c");
        Assert.Equal(3, h.Engine.Invalidate(CacheInvalidation.Everything));
        Assert.Equal(0, h.Store.Stats.Entries);
    }

    [Fact]
    public async Task Stats_ReportTheTiersAndFills()
    {
        using var h = await WithStored("/a", "/b");
        var stats = h.Engine.GetStats();
        Assert.Equal(2, stats.Memory!.Value.Entries);
        Assert.Null(stats.Disk);
        Assert.Equal(0, stats.ActiveFills);
        using var leader = await h.Engine.LookupAsync(CacheRequest.Get("http://example.test/new"), h.Policy, CancellationToken.None);
        Assert.Equal(1, h.Engine.GetStats().ActiveFills);
    }

    [Fact]
    public void Validate_ReportsEveryProblem()
    {
        var errors = new CacheInvalidation { Paths = ["nope", "/a*b", "/ok", "/x/*"], SurrogateKeys = [" "] }.Validate();
        Assert.Equal(3, errors.Count);
        Assert.NotEmpty(new CacheInvalidation().Validate());
        Assert.Empty(new CacheInvalidation { Paths = ["/img/*"] }.Validate());
    }
}
