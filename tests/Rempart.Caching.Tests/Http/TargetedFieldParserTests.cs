namespace Rempart.Caching.Tests.Http;

public sealed class TargetedFieldParserTests
{
    [Fact]
    public void Dictionary_IsRead()
    {
        Assert.True(TargetedFieldParser.TryParse(["max-age=60, stale-while-revalidate=30, must-revalidate"], out var d));
        Assert.Equal(60, d.MaxAge);
        Assert.Equal(30, d.StaleWhileRevalidate);
        Assert.True(d.MustRevalidate);
    }

    [Fact]
    public void BooleanFalse_TurnsDirectiveOff()
    {
        Assert.True(TargetedFieldParser.TryParse(["no-store=?0, max-age=5"], out var d));
        Assert.False(d.NoStore);
        Assert.Equal(5, d.MaxAge);
    }

    [Theory]
    [InlineData("Max-Age=60")]
    [InlineData("max-age=60,")]
    [InlineData("max-age=\"60")]
    [InlineData("max-age=60 junk")]
    [InlineData("")]
    [InlineData("   ")]
    [InlineData("max-age=1234567890123456")]
    public void InvalidStructuredField_IsIgnoredAsAWhole(string value) => Assert.False(TargetedFieldParser.TryParse([value], out _));

    [Theory]
    [InlineData("max-age=-5")]
    [InlineData("max-age=5.5")]
    [InlineData("max-age=\"60\"")]
    [InlineData("max-age=?1")]
    public void NonIntegerMaxAge_ReadsAsStale(string value)
    {
        Assert.True(TargetedFieldParser.TryParse([value], out var d));
        Assert.Equal(0, d.MaxAge);
    }

    [Fact]
    public void ParametersAndInnerLists_AreValidSyntax()
    {
        Assert.True(TargetedFieldParser.TryParse(["max-age=60;x=1, private=(a b);y, foo=:aGVsbG8=:"], out var d));
        Assert.Equal(60, d.MaxAge);
        Assert.True(d.Private);
    }
}
