using Rempart.SecLang.Engine;
using Rempart.SecLang.Operators;

namespace Rempart.SecLang.Tests.Operators;

public sealed class OperatorTests
{
    private static readonly Transaction s_tx = new Rempart.SecLang.Parsing.SecLangParser().Build().NewTransaction();

    [Theory]
    [InlineData("rx", "^a[\\--9]+$", "a-/09", true)]
    [InlineData("rx", "(?i)select\\s+\\w", "SELECT\u00a0x", false)]
    [InlineData("rx", "\\x{41}", "A", true)]
    [InlineData("pm", "nikto sqlmap", "Mozilla SQLMap/1.0", true)]
    [InlineData("pm", "nikto sqlmap", "curl", false)]
    [InlineData("streq", "POST", "POST", true)]
    [InlineData("contains", "../", "/a/../b", true)]
    [InlineData("containsWord", "or", "a or b", true)]
    [InlineData("containsWord", "or", "order", false)]
    [InlineData("beginsWith", "/admin", "/admin/x", true)]
    [InlineData("endsWith", ".php", "a.php", true)]
    [InlineData("within", "GET HEAD POST", "HEAD", true)]
    [InlineData("within", "GET HEAD POST", "PUT", false)]
    [InlineData("eq", "0", "", true)]
    [InlineData("gt", "5", "10abc", true)]
    [InlineData("lt", "5", " -3", true)]
    [InlineData("ipMatch", "10.0.0.0/8,::1", "10.1.2.3", true)]
    [InlineData("ipMatch", "10.0.0.0/8,::1", "192.168.0.1", false)]
    [InlineData("validateByteRange", "32-126", "abc", false)]
    [InlineData("validateByteRange", "32-126", "a\u0001", true)]
    [InlineData("validateUrlEncoding", "", "a%2", true)]
    [InlineData("validateUrlEncoding", "", "a%20", false)]
    [InlineData("validateUtf8Encoding", "", "\u00c3\u00a9", false)]
    [InlineData("validateUtf8Encoding", "", "\u00c3", true)]
    [InlineData("unconditionalMatch", "", "x", true)]
    [InlineData("noMatch", "", "x", false)]
    public void Operator_MatchesModSecurity(string name, string argument, string input, bool expected)
    {
        var op = OperatorRegistry.Create(name, new OperatorContext(argument, ".", new SecLangOptions()));
        Assert.Equal(expected, op.Evaluate(s_tx, input));
    }

    [Fact]
    public void Registries_RefuseDuplicatesAndKnowEveryCrsName()
    {
        Assert.Contains("detectSQLi", OperatorRegistry.Names);
        Assert.Contains("utf8toUnicode", Rempart.SecLang.Transformations.TransformationRegistry.Names);
        Assert.Contains("skipAfter", Rempart.SecLang.Actions.ActionRegistry.Names);
        Assert.Contains("SecRuleUpdateTargetById", Rempart.SecLang.Directives.DirectiveRegistry.Names);
        Assert.Throws<InvalidOperationException>(() => Rempart.SecLang.Transformations.TransformationRegistry.Build<int>([("a", 1), ("A", 2)]));
    }
}
