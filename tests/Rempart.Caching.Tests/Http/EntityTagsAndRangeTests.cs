namespace Rempart.Caching.Tests.Http;

public sealed class EntityTagsAndRangeTests
{
    [Theory]
    [InlineData("\"abc\"", "\"abc\"", true)]
    [InlineData("W/\"abc\"", "\"abc\"", true)]
    [InlineData("\"x\", \"abc\"", "\"abc\"", true)]
    [InlineData("abc", "\"abc\"", true)]
    [InlineData("*", "\"abc\"", true)]
    [InlineData("\"abd\"", "\"abc\"", false)]
    [InlineData("\"a,b\"", "\"a\"", false)]
    public void IfNoneMatch_UsesWeakComparison(string header, string etag, bool expected) =>
        Assert.Equal(expected, EntityTags.IfNoneMatchMatches(header, etag));

    [Fact]
    public void StrongComparison_RejectsWeakTags()
    {
        Assert.True(EntityTags.StrongEquals("\"a\"", "\"a\""));
        Assert.False(EntityTags.StrongEquals("W/\"a\"", "\"a\""));
    }

    [Theory]
    [InlineData("bytes=0-1", 0L, 2L)]
    [InlineData("bytes=1-", 1L, 10L)]
    [InlineData("bytes=-1", 10L, 1L)]
    [InlineData("bytes=-100", 0L, 11L)]
    [InlineData("bytes=5-100", 5L, 6L)]
    public void SingleRange_Resolves(string header, long start, long length)
    {
        Assert.Equal(ByteRange.Resolution.Partial, ByteRange.Resolve(header, 11, out var range));
        Assert.Equal(new ByteRange(start, length), range);
    }

    [Theory]
    [InlineData("bytes=11-")]
    [InlineData("bytes=-0")]
    public void OutOfRange_IsUnsatisfiable(string header) => Assert.Equal(ByteRange.Resolution.Unsatisfiable, ByteRange.Resolve(header, 11, out _));

    [Theory]
    [InlineData("bytes=0-1,3-4")]
    [InlineData("items=0-1")]
    [InlineData("bytes=5-2")]
    [InlineData("bytes=a-b")]
    [InlineData("bytes=99999999999999999999-")]
    [InlineData("")]
    public void UnusableRange_IsIgnored(string header) => Assert.Equal(ByteRange.Resolution.Ignore, ByteRange.Resolve(header, 11, out _));
}
