using System.Globalization;
using Rempart.Detection.Html;
using Rempart.Detection.Tests.TestData;

namespace Rempart.Detection.Tests.Html;

public sealed class HtmlTokenizerTests(ITestOutputHelper output)
{
    /// <summary>Tokens in the shared test data's format: TYPE,length,text per line.</summary>
    private static string Tokens(string input, HtmlStartState start = HtmlStartState.Data)
    {
        var tokenizer = new HtmlTokenizer(input, start);
        var lines = new List<string>();
        while (tokenizer.Next(out var token))
        {
            lines.Add(string.Create(CultureInfo.InvariantCulture, $"{Name(token.Type)},{token.Length},{input.Substring(token.Start, token.Length)}"));
        }

        return string.Join("\n", lines);
    }

    private static string Name(HtmlTokenType type) => type switch
    {
        HtmlTokenType.DataText => "DATA_TEXT",
        HtmlTokenType.TagNameOpen => "TAG_NAME_OPEN",
        HtmlTokenType.TagNameClose => "TAG_NAME_CLOSE",
        HtmlTokenType.TagNameSelfClose => "TAG_NAME_SELFCLOSE",
        HtmlTokenType.TagData => "TAG_DATA",
        HtmlTokenType.TagClose => "TAG_CLOSE",
        HtmlTokenType.AttributeName => "ATTR_NAME",
        HtmlTokenType.AttributeValue => "ATTR_VALUE",
        HtmlTokenType.TagComment => "TAG_COMMENT",
        HtmlTokenType.Doctype => "DOCTYPE",
        _ => type.ToString(),
    };

    [Theory]
    [InlineData("a<b>c", "DATA_TEXT,1,a\nTAG_NAME_OPEN,1,b\nTAG_NAME_CLOSE,1,>\nDATA_TEXT,1,c")]
    [InlineData("<img src=x onerror=alert(1)>", "TAG_NAME_OPEN,3,img\nATTR_NAME,3,src\nATTR_VALUE,1,x\nATTR_NAME,7,onerror\nATTR_VALUE,8,alert(1)\nTAG_NAME_CLOSE,1,>")]
    [InlineData("<a href=\"x\"onclick='y'/>", "TAG_NAME_OPEN,1,a\nATTR_NAME,4,href\nATTR_VALUE,1,x\nATTR_NAME,7,onclick\nATTR_VALUE,1,y\nTAG_NAME_SELFCLOSE,2,/>")]
    [InlineData("<svg/onload=x>", "TAG_NAME_OPEN,3,svg\nATTR_NAME,6,onload\nATTR_VALUE,1,x\nTAG_NAME_CLOSE,1,>")]
    [InlineData("<!-- a --!> <b>", "TAG_COMMENT,3, a \nDATA_TEXT,1, \nTAG_NAME_OPEN,1,b\nTAG_NAME_CLOSE,1,>")]
    [InlineData("<style>a{}</style>", "TAG_NAME_OPEN,5,style\nTAG_NAME_CLOSE,1,>\nTAG_DATA,3,a{}\nTAG_CLOSE,5,style")]
    [InlineData("1 < 2", "DATA_TEXT,2,1 \nDATA_TEXT,1,<\nDATA_TEXT,2, 2")]
    public void Next_Input_YieldsTokens(string input, string expected)
    {
        Assert.Equal(expected, Tokens(input));
    }

    [Fact]
    public void Next_DoubleQuotedValueStart_ReadsApplicationValueFirst()
    {
        Assert.Equal("ATTR_VALUE,1,x\nATTR_NAME,11,onmouseover\nATTR_VALUE,1,y", Tokens("x\" onmouseover=\"y", HtmlStartState.ValueDoubleQuoted));
    }

    [Fact]
    public void Next_InTagStart_ReadsAttributes()
    {
        Assert.Equal("ATTR_NAME,7,onerror\nATTR_VALUE,8,alert(1)", Tokens("onerror=alert(1)", HtmlStartState.InTag));
    }

    [Theory]
    [InlineData("<a b=\"")]
    [InlineData("<!--")]
    [InlineData("<?")]
    [InlineData("</")]
    [InlineData("<!DOCTYPE")]
    [InlineData("<![CDATA[")]
    [InlineData("<%")]
    [InlineData("<a =")]
    [InlineData("\0<\0a\0 \0b\0=\0>")]
    public void Next_TruncatedMarkup_Terminates(string input)
    {
        foreach (var start in Enum.GetValues<HtmlStartState>())
        {
            var tokenizer = new HtmlTokenizer(input, start);
            var count = 0;
            while (tokenizer.Next(out _))
            {
                Assert.True(++count <= input.Length + 1, "The tokenizer does not advance.");
            }
        }
    }

    /// <summary>
    /// The libinjection HTML5 tokenizer vectors (tests/test-html5-*.txt), read in place. Our tokenizer
    /// is written from the HTML5 specification, so a few vectors that pin that library's own
    /// choices differ; the agreement is printed and held as a floor against regressions.
    /// </summary>
    [TestDataFact(LibinjectionCorpus.Folder)]
    public void Next_LibinjectionHtml5Vectors_MostlyAgree()
    {
        var files = Directory.GetFiles(LibinjectionCorpus.TestsDirectory, "test-html5-*.txt").OrderBy(f => f, StringComparer.Ordinal).ToList();
        var agreed = 0;
        foreach (var file in files)
        {
            var (input, expected) = LibinjectionCorpus.ReadVector(file);
            var actual = Tokens(input).TrimEnd();
            if (actual == expected)
            {
                agreed++;
            }
            else
            {
                output.WriteLine($"{Path.GetFileName(file)} differs. input: {input}\n  expected: {expected.Replace("\n", " / ", StringComparison.Ordinal)}\n  actual:   {actual.Replace("\n", " / ", StringComparison.Ordinal)}");
            }
        }

        output.WriteLine($"HTML5 tokenizer vectors: {agreed}/{files.Count} agree.");
        Assert.True(files.Count > 0);
        Assert.True(agreed >= files.Count - 6, $"Only {agreed} of {files.Count} vectors agree.");
    }
}
