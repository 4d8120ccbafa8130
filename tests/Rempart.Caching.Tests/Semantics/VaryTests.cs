using Rempart.Caching.Tests.Infrastructure;

namespace Rempart.Caching.Tests.Semantics;

/// <summary>Secondary keys (RFC 9111 §4.1), mirroring the suite's vary and vary-parse groups.</summary>
public sealed class VaryTests
{
    private static async Task<Exchange> StoreThenAsk(string vary, (string, string)[] first, (string, string)[] second, CacheEngineOptions? options = null)
    {
        using var h = new CacheHarness(options: options);
        h.Origin.Reply(200, "stored", ("Cache-Control", "max-age=5000"), ("Vary", vary)).Reply(200, "fresh", ("Cache-Control", "max-age=5000"), ("Vary", vary));
        await h.Get("/r", first);
        return await h.Get("/r", second);
    }

    [Fact]
    public async Task SameValue_Matches() =>
        Assert.False((await StoreThenAsk("Foo", [("Foo", "1")], [("Foo", "1")])).OriginContacted);

    [Fact]
    public async Task OtherValue_DoesNotMatch() =>
        Assert.True((await StoreThenAsk("Foo", [("Foo", "1")], [("Foo", "2")])).OriginContacted);

    [Fact]
    public async Task AbsentInStored_DoesNotMatchPresent() =>
        Assert.True((await StoreThenAsk("Foo", [], [("Foo", "1")])).OriginContacted);

    [Fact]
    public async Task PresentInStored_DoesNotMatchAbsent() =>
        Assert.True((await StoreThenAsk("Foo", [("Foo", "1")], [])).OriginContacted);

    [Fact]
    public async Task UnlistedHeader_IsIgnored() =>
        Assert.False((await StoreThenAsk("Foo", [("Foo", "1"), ("Other", "2")], [("Foo", "1"), ("Other", "3")])).OriginContacted);

    [Fact]
    public async Task ThreeFields_AllMustMatch()
    {
        Assert.False((await StoreThenAsk("Foo, Bar, Baz", [("Foo", "1"), ("Bar", "abc"), ("Baz", "789")], [("Foo", "1"), ("Bar", "abc"), ("Baz", "789")])).OriginContacted);
        Assert.True((await StoreThenAsk("Foo, Bar, Baz", [("Foo", "1"), ("Bar", "abc4"), ("Baz", "789")], [("Foo", "1"), ("Bar", "abc"), ("Baz", "789")])).OriginContacted);
        Assert.False((await StoreThenAsk("Foo, Bar, Baz", [("Foo", "1"), ("Baz", "789")], [("Foo", "1"), ("Baz", "789")])).OriginContacted);
    }

    [Theory]
    [InlineData("*")]
    [InlineData("*, *")]
    [InlineData(", *")]
    [InlineData("*, Foo")]
    [InlineData("Foo, *")]
    public async Task Star_NeverMatches(string vary) =>
        Assert.True((await StoreThenAsk(vary, [("Foo", "1")], [("Foo", "1")])).OriginContacted);

    [Fact]
    public async Task StarOnSecondLine_NeverMatches()
    {
        using var h = new CacheHarness();
        h.Origin.Reply(200, "a", ("Cache-Control", "max-age=5000"), ("Vary", ""), ("Vary", "*")).Reply(200, "b");
        await h.Get();
        Assert.True((await h.Get()).OriginContacted);
    }

    [Theory]
    [InlineData("Foo", "1, 2", "1,2")]
    [InlineData("Foo", "1,2", " 1, 2 ")]
    [InlineData("Accept-Language", "en, de", "de, en")]
    [InlineData("Accept-Language", "en, de", "eN, De")]
    [InlineData("Accept-Language", "en, de", " en ,   de")]
    [InlineData("Accept-Encoding", "gzip, br", "br,gzip")]
    [InlineData("Accept-Encoding", "gzip, deflate, br, zstd", "br;q=1.0, zstd, deflate, gzip, x-custom")]
    [InlineData("Accept-Encoding", "gzip", "x-gzip, identity")]
    [InlineData("Accept-Encoding", "identity", "compress")]
    public async Task Normalisation_MatchesEquivalentValues(string field, string stored, string asked) =>
        Assert.False((await StoreThenAsk(field, [(field, stored)], [(field, asked)])).OriginContacted);

    [Theory]
    [InlineData("gzip, br", "gzip")]
    [InlineData("gzip", "gzip;q=0, br")]
    [InlineData("gzip", "")]
    public async Task AcceptEncoding_DifferentAcceptableSets_DoNotMatch(string stored, string asked) =>
        Assert.True((await StoreThenAsk("Accept-Encoding", [("Accept-Encoding", stored)], [("Accept-Encoding", asked)])).OriginContacted);

    [Fact]
    public async Task AcceptEncoding_Absent_IsNotTheSameAsIdentity()
    {
        // An absent field stays distinct (RFC 9111 §4.1), even though both accept only identity.
        Assert.True((await StoreThenAsk("Accept-Encoding", [], [("Accept-Encoding", "identity")])).OriginContacted);
    }

    [Fact]
    public async Task Normalisation_CombinesLines()
    {
        using var h = new CacheHarness();
        h.Origin.Reply(200, "a", ("Cache-Control", "max-age=5000"), ("Vary", "Foo"));
        await h.Get("/r", ("Foo", "1, 2"));
        Assert.False((await h.Get("/r", ("Foo", "1"), ("Foo", "2"))).OriginContacted);
    }

    [Fact]
    public async Task Variants_CoexistAndNewestWins()
    {
        using var h = new CacheHarness();
        h.Origin.Reply(200, "one", ("Cache-Control", "max-age=5000"), ("Vary", "Foo"))
            .Reply(200, "two", ("Cache-Control", "max-age=5000"), ("Vary", "Foo"));
        await h.Get("/r", ("Foo", "1"));
        await h.Get("/r", ("Foo", "2"));
        var first = await h.Get("/r", ("Foo", "1"));
        Assert.False(first.OriginContacted);
        Assert.Equal("one", first.Body);
        Assert.Equal("two", (await h.Get("/r", ("Foo", "2"))).Body);
    }

    [Fact]
    public async Task HugeVary_IsNotStored()
    {
        var vary = string.Join(", ", Enumerable.Range(0, 500).Select(i => "X-H" + i));
        using var h = new CacheHarness();
        h.Origin.Reply(200, "a", ("Cache-Control", "max-age=5000"), ("Vary", vary)).Reply(200, "b");
        var first = await h.Get();
        Assert.False(first.Stored);
        Assert.Contains("vary-too-large", first.CacheStatus);
        Assert.True((await h.Get()).OriginContacted);
    }

    [Fact]
    public async Task HugeVariedValue_IsDigestedNotStoredVerbatim()
    {
        var big = new string('x', 100_000);
        using var h = new CacheHarness();
        h.Origin.Reply(200, "a", ("Cache-Control", "max-age=5000"), ("Vary", "Foo")).Reply(200, "b");
        await h.Get("/r", ("Foo", big));
        var entry = Assert.Single(h.Store.GetVariants("http://example.test/r"));
        Assert.True(entry.VaryValues[0].Value!.Length < 100);
        Assert.False((await h.Get("/r", ("Foo", big))).OriginContacted);
        Assert.True((await h.Get("/r", ("Foo", big + "y"))).OriginContacted);
    }

    [Fact]
    public async Task TooManyVariants_ReplaceTheOldest()
    {
        using var h = new CacheHarness(store: new MemoryCacheStore(1024 * 1024, 1024, maxVariantsPerKey: 3));
        h.Origin.Handler = r => new OriginReply(200, HeaderList.Of(("Cache-Control", "max-age=5000"), ("Vary", "Foo")), []);
        for (var i = 0; i < 10; i++)
        {
            await h.Get("/r", ("Foo", i.ToString(System.Globalization.CultureInfo.InvariantCulture)));
            h.Advance(1);
        }
        Assert.Equal(3, h.Store.GetVariants("http://example.test/r").Count);
        Assert.False((await h.Get("/r", ("Foo", "9"))).OriginContacted);
        Assert.True((await h.Get("/r", ("Foo", "0"))).OriginContacted);
    }

    [Theory]
    [InlineData("br", "BR;q=1")]
    [InlineData("gzip", "x-gzip")]
    public void AcceptEncoding_AsTheEdgeReducesIt_NormalisesLikeAnySpelling(string reduced, string spelled) =>
        Assert.Equal(Rempart.Caching.Semantics.FieldNormalizer.Normalize("Accept-Encoding", [spelled]), Rempart.Caching.Semantics.FieldNormalizer.Normalize("accept-encoding", [reduced]));
}
