using System.Text;

namespace Rempart.Detection.Tests.Html;

public sealed class XssDetectorTests
{
    [Theory]
    [InlineData("<script>alert(1)</script>", "tag:script")]
    [InlineData("<ScRiPt src=//evil.example/x.js></script>", "tag:script")]
    [InlineData("<scr\0ipt>alert(1)</scr\0ipt>", "tag:script")]
    [InlineData("<html:script>alert(1)</html:script>", "tag:script")]
    [InlineData("<iframe src=//evil.example>", "tag:iframe")]
    [InlineData("<svg/onload=alert(1)>", "tag:svg")]
    [InlineData("<img src=x onerror=alert(1)>", "attribute:onerror")]
    [InlineData("<body onload=alert(1)>", "attribute:onload")]
    [InlineData("<img src=\"x\"onerror=\"alert(1)\">", "attribute:onerror")]
    [InlineData("<a href=\"javascript:alert(1)\">x</a>", "url-scheme:javascript")]
    [InlineData("<a href=\" &#14; JaVaScRiPt:alert(1)\">x</a>", "url-scheme:javascript")]
    [InlineData("<a href=\"jav&#x09;ascript:alert(1)\">x</a>", "url-scheme:javascript")]
    [InlineData("<a href=javascript&colon;alert(1)>x</a>", "url-scheme:javascript")]
    [InlineData("<a href=\"vbscript:msgbox(1)\">x</a>", "url-scheme:vbscript")]
    [InlineData("<a href=\"data:text/html;base64,PHNjcmlwdD4=\">x</a>", "url-scheme:data")]
    [InlineData("<div style=\"width: expression(alert(1))\">", "style:expression")]
    [InlineData("<!--[if IE]><script>alert(1)</script><![endif]-->", "comment:conditional")]
    [InlineData("\" onmouseover=\"alert(1)", "attribute:onmouseover")]
    [InlineData("' onfocus='alert(1)' autofocus x='", "attribute:onfocus")]
    [InlineData("x onerror=alert(1)", "attribute:onerror")]
    [InlineData("\"><script>alert(1)</script>", "tag:script")]
    [InlineData("javascript:alert(document.cookie)", "url-scheme:javascript")]
    [InlineData("ja&Tab;vascript:alert(1)", "url-scheme:javascript")]
    [InlineData("  onload=  ", "attribute:onload")]
    [InlineData("\"onzoom=", "attribute:onzoom")]
    [InlineData("<iframe srcdoc=\"&lt;img src=x onerror=alert(1)&gt;\">", "tag:iframe")]
    [InlineData("<a srcdoc=\"&lt;img src=x onerror=alert(1)&gt;\">", "attribute:srcdoc")]
    [InlineData("<set attributeName=\"onmouseover\" to=\"alert(1)\"/>", "attribute:attributename")]
    [InlineData("<x xmlns:x=\"urn:x\" x:ontimer=\"alert(1)\">", "attribute:x:ontimer")]
    [InlineData("<?xml-stylesheet href=\"javascript:alert(1)\"?>", "comment:processing-instruction")]
    public void Detect_Attack_IsFlaggedWithReason(string input, string reason)
    {
        var result = XssDetector.Detect(input);

        Assert.True(result.IsXss, $"'{input}' was not flagged.");
        Assert.Equal(reason, result.Reason);
    }

    [Theory]
    [InlineData("Hello world")]
    [InlineData("I <3 cats")]
    [InlineData("1 < 2 and 3 > 2")]
    [InlineData("<b>bold</b> and <i>italic</i>")]
    [InlineData("<a href=\"https://example.com/page?a=1&amp;b=2\">link</a>")]
    [InlineData("<img src=\"/img/cat.png\" alt=\"A cat\">")]
    [InlineData("<p style=\"color: red; font-weight: bold\">hi</p>")]
    [InlineData("JavaScript: Basics of JavaScript Language")]
    [InlineData("See javascript: the good parts")]
    [InlineData("available online now")]
    [InlineData("The standard for the <$ tag is to enclose text")]
    [InlineData("and >I would like to see all of the items that are type <enter type here>.")]
    [InlineData("O'Reilly \"quoted\" `back`")]
    [InlineData("<img src=\"data:image/png;base64,iVBORw0KGgo=\">")]
    [InlineData("Task<Object> LoadAsync(List<Object> items)")]
    [InlineData("data: 'Hello World!',")]
    [InlineData("run all the <style> tags together")]
    [InlineData("VGhhbmtzLCBmb3IgYWxsIHlvdXIgd29yay4Qo/onafe=")]
    public void Detect_BenignText_IsClean(string input)
    {
        var result = XssDetector.Detect(input);

        Assert.False(result.IsXss, $"'{input}' was flagged: {result.Reason}.");
        Assert.Null(result.Reason);
    }

    [Theory]
    [InlineData("\0\0\0")]
    [InlineData("\ud800<script>\udfff")]
    [InlineData("<")]
    [InlineData("<a")]
    [InlineData("<a b")]
    [InlineData("<a b=")]
    [InlineData("<a b='")]
    [InlineData("<!")]
    [InlineData("<!-")]
    [InlineData("<!--")]
    [InlineData("&#")]
    [InlineData("<a style='\\")]
    [InlineData("<a style='/*")]
    [InlineData("<!ENTITY x \"&#x3C;\">")]
    public void Detect_MalformedInput_NeverThrows(string input)
    {
        var result = XssDetector.Detect(input);

        Assert.True(result.IsXss == (result.Reason is not null));
    }

    [Fact]
    public void Detect_EveryCharacterValue_NeverThrows()
    {
        for (var c = 0; c <= char.MaxValue; c++)
        {
            var ch = (char)c;
            XssDetector.Detect([ch]);
            XssDetector.Detect(['<', 'a', ' ', 'b', '=', ch, '>', '&', '#', ch]);
        }
    }

    [Theory]
    [InlineData("<a ", 100_000)]
    [InlineData("<", 200_000)]
    [InlineData("<!--", 100_000)]
    [InlineData("<a b='", 50_000)]
    [InlineData("<style>", 50_000)]
    [InlineData("<a style='/*", 30_000)]
    [InlineData("<a srcdoc='<a srcdoc=\"<b", 20_000)]
    [InlineData("&#", 200_000)]
    public void Detect_PathologicalRepetition_Completes(string unit, int count)
    {
        var input = new StringBuilder(unit.Length * count).Insert(0, unit, count).ToString();

        XssDetector.Detect(input);
    }

    [Fact]
    public void Detect_AttackPastLongPadding_IsFlagged()
    {
        var input = new string('A', 130_000) + ";<script>alert(1);</script>";

        Assert.True(XssDetector.Detect(input).IsXss);
    }

    [Fact]
    public void Detect_ConcurrentCalls_AgreeWithSequentialOnes()
    {
        string[] inputs = ["<script>", "hello", "<img src=x onerror=alert(1)>", "<b>x</b>", "javascript:alert(1)"];
        var expected = inputs.Select(i => XssDetector.Detect(i)).ToArray();

        Parallel.For(0, 2000, n =>
        {
            var i = n % inputs.Length;
            Assert.Equal(expected[i], XssDetector.Detect(inputs[i]));
        });
    }
}
