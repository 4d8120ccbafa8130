namespace Rempart.Caching.Tests.Http;

public sealed class HttpDateTests
{
    private static readonly DateTimeOffset Expected = new(1994, 11, 6, 8, 49, 37, TimeSpan.Zero);

    [Theory]
    [InlineData("Sun, 06 Nov 1994 08:49:37 GMT")]
    [InlineData("Sunday, 06-Nov-94 08:49:37 GMT")]
    [InlineData("Sun Nov  6 08:49:37 1994")]
    [InlineData("SUN, 06 NOV 1994 08:49:37 gmt")]
    [InlineData("Sun 06 Nov 1994 08:49:37 GMT")]
    [InlineData("Sun, 06  Nov  1994 08:49:37 UTC")]
    public void TryParse_KnownForms_ReadTheSameInstant(string text)
    {
        Assert.True(HttpDate.TryParse(text, out var value));
        Assert.Equal(Expected, value);
    }

    [Theory]
    [InlineData("0")]
    [InlineData("-1")]
    [InlineData("")]
    [InlineData("   ")]
    [InlineData(null)]
    [InlineData("yesterday")]
    [InlineData("Sun, 06 Nov 1994")]
    [InlineData("Sun, 31 Feb 1994 08:49:37 GMT")]
    [InlineData("Sun, 06 Nov 1994 25:49:37 GMT")]
    [InlineData("Sun, 06 Nov 1994 08:49:37 GMT extra-garbage-that-is-not-a-zone")]
    [InlineData("Sun, 06 Nov 99999 08:49:37 GMT")]
    public void TryParse_Invalid_IsRejected(string? text) => Assert.False(HttpDate.TryParse(text, out _));

    [Fact]
    public void Format_IsImfFixdate() => Assert.Equal("Sun, 06 Nov 1994 08:49:37 GMT", HttpDate.Format(Expected));

    [Fact]
    public void TryParse_HugeInput_IsRejectedWithoutWork() => Assert.False(HttpDate.TryParse(new string('1', 100_000), out _));
}
