using Rempart.SecLang.Transformations;

namespace Rempart.SecLang.Tests.Transformations;

public sealed class TransformationTests
{
    [Theory]
    [InlineData("lowercase", "SeLeCt", "select")]
    [InlineData("urlDecode", "a%20b+c%zz", "a b c%zz")]
    [InlineData("urlDecodeUni", "%u0027or%uff031", "'or#1")]
    [InlineData("htmlEntityDecode", "&lt;script&#x3e;&#62&quot;&nbsp;&foo;", "<script>>\"\u00a0&foo;")]
    [InlineData("jsDecode", "\\x3cscript\\u003e\\101\\n\\q", "<script>A\nq")]
    [InlineData("cssDecode", "j\\61vascript\\3a alert", "javascript:alert")]
    [InlineData("cmdLine", "C^OMMAND /C DIR, \"x\"", "command/c dir x")]
    [InlineData("compressWhitespace", "a \t\n b", "a b")]
    [InlineData("removeWhitespace", "a \t\n b", "ab")]
    [InlineData("removeNulls", "a\0b", "ab")]
    [InlineData("replaceNulls", "a\0b", "a b")]
    [InlineData("replaceComments", "UNION/**/SELECT/*x", "UNION SELECT ")]
    [InlineData("removeComments", "a/*x*/b--c", "ab")]
    [InlineData("removeCommentsChar", "a/*b*/c#d--e", "abcde")]
    [InlineData("normalizePath", "/a/./b/../../etc//passwd", "/etc/passwd")]
    [InlineData("normalizePathWin", "\\a\\..\\b", "/b")]
    [InlineData("base64Decode", "dGVzdA==", "test")]
    [InlineData("base64DecodeExt", "dG.VzdA", "test")]
    [InlineData("base64Encode", "test", "dGVzdA==")]
    [InlineData("hexDecode", "414243", "ABC")]
    [InlineData("hexEncode", "AB", "4142")]
    [InlineData("sqlHexDecode", "x 0x414243 y", "x ABC y")]
    [InlineData("escapeSeqDecode", "\\x41\\101\\n\\z", "AA\nz")]
    [InlineData("utf8toUnicode", "\u00c3\u00a9a", "%u00e9a")]
    [InlineData("length", "abcd", "4")]
    [InlineData("trim", " \ta b\n", "a b")]
    [InlineData("trimLeft", " a ", "a ")]
    [InlineData("trimRight", " a ", " a")]
    [InlineData("uppercase", "aBc", "ABC")]
    [InlineData("urlEncode", "a b&", "a+b%26")]
    [InlineData("parityZero7bit", "\u00c1", "A")]
    public void Transformation_MatchesModSecurity(string name, string input, string expected)
    {
        var transformation = TransformationRegistry.Find(name);
        Assert.NotNull(transformation);
        Assert.Equal(expected, transformation.Transform(input));
    }

    [Theory]
    [InlineData("cmdLine", "already normal")]
    [InlineData("compressWhitespace", "one space each")]
    [InlineData("removeWhitespace", "nospace")]
    [InlineData("urlDecodeUni", "plain")]
    [InlineData("htmlEntityDecode", "plain")]
    public void UnchangedValue_IsTheSameInstance(string name, string input)
    {
        // The cache and multiMatch tell "unchanged" by reference; the pooled-buffer rewrite must keep that.
        var value = new string(input.AsSpan());
        Assert.Same(value, TransformationRegistry.Find(name)!.Transform(value));
    }

    [Fact]
    public void LongInput_IsTransformedWhole_ByThePooledBuffer()
    {
        var input = string.Concat(Enumerable.Repeat("A  B,C;", 20_000)); // 140,000 chars: well beyond a small pooled array
        Assert.Equal(string.Concat(Enumerable.Repeat("a b c ", 20_000)), TransformationRegistry.Find("cmdLine")!.Transform(input));
        Assert.Equal(string.Concat(Enumerable.Repeat("A B,C;", 20_000)), TransformationRegistry.Find("compressWhitespace")!.Transform(input));
        Assert.Equal(string.Concat(Enumerable.Repeat("AB,C;", 20_000)), TransformationRegistry.Find("removeWhitespace")!.Transform(input));
    }

    [Fact]
    public void Sha1ThenHexEncode_GivesTheHexDigest()
    {
        var sha1 = TransformationRegistry.Find("sha1")!.Transform("abc");
        Assert.Equal("a9993e364706816aba3e25717850c26c9cd0d89d", TransformationRegistry.Find("hexEncode")!.Transform(sha1));
    }
}
