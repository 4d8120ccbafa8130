using Rempart.Detection.Html;

namespace Rempart.Detection.Tests.Html;

public sealed class HtmlEntityDecoderTests
{
    private static string Decode(string input)
    {
        var buffer = new char[input.Length];
        return new string(buffer, 0, HtmlEntityDecoder.Decode(input, buffer));
    }

    [Theory]
    [InlineData("&#106;&#97;", "ja")]
    [InlineData("&#x6A&#X61", "ja")]
    [InlineData("&#0000106;", "j")]
    [InlineData("javascript&colon;", "javascript:")]
    [InlineData("a&Tab;b&NewLine;c", "a\tb\nc")]
    [InlineData("&lt;script&gt;", "<script>")]
    [InlineData("&amp;&unknown;&", "&&unknown;&")]
    [InlineData("&#;&#x;", "&#;&#x;")]
    [InlineData("&#99999999999999999999;", "\ufffd")]
    public void Decode_References_AreResolved(string input, string expected)
    {
        Assert.Equal(expected, Decode(input));
    }
}
