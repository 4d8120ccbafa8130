using Rempart.Detection.Html;

namespace Rempart.Detection.Tests.Html;

public sealed class CssInspectorTests
{
    [Theory]
    [InlineData("width: expression(alert(1))", "style:expression")]
    [InlineData("width: ex/**/pression(alert(1))", "style:expression")]
    [InlineData("w:\\65 xpression(alert(1))", "style:expression")]
    [InlineData("background:url('JAVA SCRIPT:alert(1)')", "style:javascript")]
    [InlineData("behavior: url(x.htc)", "style:behavior")]
    [InlineData("-moz-binding:url(x.xml#a)", "style:moz-binding")]
    [InlineData("@import 'x.css'", "style:import")]
    public void FindDanger_ScriptCss_IsReported(string css, string reason)
    {
        Assert.Equal(reason, CssInspector.FindDanger(css));
    }

    [Theory]
    [InlineData("color: red; font-weight: bold")]
    [InlineData("margin: 0 auto; font-family: 'Helvetica Neue', sans-serif")]
    public void FindAttributeDanger_PlainDeclarations_AreClean(string css)
    {
        Assert.Null(CssInspector.FindAttributeDanger(css));
    }

    [Theory]
    [InlineData("font-family:'foo[a];color:red;'", "style:obfuscated")]
    [InlineData("a:b/*c*/", "style:obfuscated")]
    [InlineData("background:url(http://example.com/x.png)", "style:url")]
    public void FindAttributeDanger_InjectionSigns_AreReported(string css, string reason)
    {
        Assert.Equal(reason, CssInspector.FindAttributeDanger(css));
    }
}
