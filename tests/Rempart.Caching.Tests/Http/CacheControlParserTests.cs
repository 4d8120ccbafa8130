namespace Rempart.Caching.Tests.Http;

public sealed class CacheControlParserTests
{
    [Theory]
    [InlineData("max-age=3600", 3600L)]
    [InlineData("MaX-aGe=3600", 3600L)]
    [InlineData("max-age=003600", 3600L)]
    [InlineData("max-age=\"3600\"", 3600L)]
    [InlineData("max-age=3600.5", 3600L)]
    [InlineData("foobar, max-age=3600", 3600L)]
    [InlineData("max-age=2147483648", 2147483648L)]
    [InlineData("max-age=2147483649", 2147483648L)]
    [InlineData("max-age=99999999999999999999999999", 2147483648L)]
    [InlineData("max-age=-3600", 0L)]
    [InlineData("max-age='3600'", 0L)]
    [InlineData("max-age=a3600", 0L)]
    [InlineData("max-age", 0L)]
    [InlineData("max-age =3600", 0L)]
    [InlineData("max-age= 3600", 0L)]
    [InlineData("extension=\"max-age=3600\", max-age=1", 1L)]
    [InlineData("max-age=1, extension=\"max-age=3600\"", 1L)]
    [InlineData("extension=\"max-age=3600\", max-age=\"1\"", 1L)]
    [InlineData("max-age=1800, max-age=1", 1800L)]
    public void MaxAge_IsReadAsTheRfcAsks(string value, long expected) => Assert.Equal(expected, CacheControlParser.Parse(value).MaxAge);

    [Fact]
    public void MaxAge_InsideQuotedExtension_IsData() => Assert.Null(CacheControlParser.Parse("extension=\"max-age=3600\"").MaxAge);

    [Fact]
    public void Lines_AreCombined_FirstOccurrenceWins()
    {
        var d = CacheControlParser.Parse(["max-age=3600", "s-maxage=1", "max-age=1"]);
        Assert.Equal(3600, d.MaxAge);
        Assert.Equal(1, d.SharedMaxAge);
    }

    [Fact]
    public void Flags_AreCaseInsensitive()
    {
        var d = CacheControlParser.Parse("No-StOrE, NO-CACHE, Private, PUBLIC, must-revalidate, proxy-revalidate, must-understand, immutable, only-if-cached");
        Assert.True(d.NoStore && d.NoCache && d.Private && d.Public && d.MustRevalidate && d.ProxyRevalidate && d.MustUnderstand && d.Immutable && d.OnlyIfCached);
    }

    [Fact]
    public void QualifiedForms_ListFieldNames()
    {
        var d = CacheControlParser.Parse("no-cache=\"a, b\", private=\"Set-Cookie\"");
        Assert.False(d.NoCache);
        Assert.False(d.Private);
        Assert.Equal(["a", "b"], d.NoCacheFields);
        Assert.Equal(["Set-Cookie"], d.PrivateFields);
    }

    [Fact]
    public void RequestDirectives_AreRead()
    {
        var d = CacheControlParser.Parse("max-stale, min-fresh=10, stale-if-error=5");
        Assert.True(d.MaxStaleAny);
        Assert.Equal(10, d.MinFresh);
        Assert.Equal(5, d.StaleIfError);
        Assert.Equal(300, CacheControlParser.Parse("max-stale=300").MaxStale);
    }

    [Theory]
    [InlineData(",,,")]
    [InlineData("=")]
    [InlineData("\"unterminated")]
    [InlineData("no-cache=\"unterminated")]
    [InlineData(";;;, ===, \u0000\u00ff")]
    public void Garbage_NeverThrows(string value) => CacheControlParser.Parse(value);

    [Fact]
    public void HugeValue_IsTruncatedNotFatal()
    {
        var d = CacheControlParser.Parse("max-age=60, " + string.Join(", ", Enumerable.Repeat("x-ext=1", 20_000)));
        Assert.Equal(60, d.MaxAge);
    }
}
