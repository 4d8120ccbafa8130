using Rempart.SecLang.Engine;
using Rempart.SecLang.Parsing;

namespace Rempart.SecLang.Tests.Parsing;

public sealed class SecLangParserTests
{
    [Fact]
    public void LineContinuationAndQuotes_AreReadAsApacheDoes()
    {
        var directives = ConfigLineReader.Read("# comment\nSecRule ARGS \"@rx a\\\"b\" \\\n    \"id:1,\\\n    msg:'x, y'\"\n", "f.conf").ToList();
        var rule = Assert.Single(directives);
        Assert.Equal(("SecRule", 2), (rule.Name, rule.Line));
        Assert.Equal(["ARGS", "@rx a\"b", "id:1,    msg:'x, y'"], rule.Arguments);
    }

    [Fact]
    public void ActionList_QuotedValuesKeepCommas()
    {
        var actions = ActionListParser.Parse("id:1, phase:2,msg:'a, b \\'c\\'',t:none,nolog");
        Assert.Equal([("id", "1"), ("phase", "2"), ("msg", "a, b 'c'"), ("t", "none"), ("nolog", null)], actions);
    }

    [Theory]
    [InlineData("SecFoo On", "unknown directive")]
    [InlineData("SecRule ARGS \"@rx x\" \"id:1,bogus\"", "unknown action 'bogus'")]
    [InlineData("SecRule ARGS \"@nope x\" \"id:1\"", "unknown operator '@nope'")]
    [InlineData("SecRule NOPE \"@rx x\" \"id:1\"", "unknown variable 'NOPE'")]
    [InlineData("SecRule ARGS \"@rx x\" \"id:1,t:bogus\"", "unknown transformation 't:bogus'")]
    [InlineData("SecRule ARGS \"@rx x\" \"phase:2\"", "the rule has no id")]
    [InlineData("SecRule ARGS \"@rx (\" \"id:1\"", "invalid regular expression")]
    [InlineData("SecRule ARGS \"@inspectFile /bin/x\" \"id:1\"", "never executes programs")]
    public void BadDirective_ReportsFileLineAndDirective(string line, string reason)
    {
        var parser = new SecLangParser();
        var error = Assert.Throws<SecLangParseException>(() => parser.LoadText("\n\n" + line + "\n", "/etc/rules/bad.conf"));
        Assert.Equal(("/etc/rules/bad.conf", 3), (error.File, error.Line));
        Assert.Contains(reason, error.Message, StringComparison.Ordinal);
    }

    /// <summary>Each directive's own mistakes: the error names that directive, the file and the line.</summary>
    [Theory]
    [InlineData("SecRule ARGS", "SecRule")]
    [InlineData("SecRule ARGS \"@rx x\" \"id:1,phase:9\"", "SecRule")]
    [InlineData("SecRule ARGS \"@rx x\" \"id:abc\"", "SecRule")]
    [InlineData("SecRule ARGS \"@rx x\" \"id:1,severity:LOUD\"", "SecRule")]
    [InlineData("SecRule ARGS \"@rx x\" \"id:1,skipAfter\"", "SecRule")]
    [InlineData("SecRule ARGS \"@rx x\" \"id:1,ctl:noSuchCtl=On\"", "SecRule")]
    [InlineData("SecRule ARGS \"@rx x\" \"id:1,setvar:\"", "SecRule")]
    [InlineData("SecRule ARGS \"@ipMatch 999.1.1.1\" \"id:1\"", "SecRule")]
    [InlineData("SecRule ARGS \"@pmFromFile /no/such/file.data\" \"id:1\"", "SecRule")]
    [InlineData("SecRule ARGS \"@rx x\" \"id:1,exec:/bin/sh\"", "SecRule")]
    [InlineData("SecAction \"pass\"", "SecAction")]
    [InlineData("SecMarker", "SecMarker")]
    [InlineData("SecDefaultAction \"log,pass\"", "SecDefaultAction")]
    [InlineData("SecDefaultAction \"phase:2,id:5,pass\"", "SecDefaultAction")]
    [InlineData("SecRuleEngine Sometimes", "SecRuleEngine")]
    [InlineData("SecRequestBodyAccess Maybe", "SecRequestBodyAccess")]
    [InlineData("SecRequestBodyLimit lots", "SecRequestBodyLimit")]
    [InlineData("SecRequestBodyLimitAction Explode", "SecRequestBodyLimitAction")]
    [InlineData("SecArgumentSeparator &;", "SecArgumentSeparator")]
    [InlineData("SecRuleRemoveById abc", "SecRuleRemoveById")]
    [InlineData("SecRuleUpdateTargetById 1", "SecRuleUpdateTargetById")]
    [InlineData("SecRuleUpdateActionById abc \"pass\"", "SecRuleUpdateActionById")]
    [InlineData("Include /no/such/rules.conf", "Include")]
    [InlineData("SecAuditEngine Loudly", "SecAuditEngine")]
    [InlineData("SecCollectionTimeout soon", "SecCollectionTimeout")]
    public void EachDirective_RefusesItsMalformedForms(string line, string directive)
    {
        var parser = new SecLangParser();
        var error = Assert.Throws<SecLangParseException>(() => parser.LoadText("SecRuleEngine On\n" + line + "\n", "/etc/rules/bad.conf"));
        Assert.Equal(("/etc/rules/bad.conf", 2, directive), (error.File, error.Line, error.Directive));
        Assert.False(string.IsNullOrWhiteSpace(error.Reason));
    }

    [Fact]
    public void DuplicateId_IsAnError()
    {
        var parser = new SecLangParser();
        var error = Assert.Throws<SecLangParseException>(() => parser.LoadText("SecAction \"id:5,pass\"\nSecAction \"id:5,pass\""));
        Assert.Contains("duplicate rule id 5", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void OpenChainAtEnd_IsAnError()
    {
        var parser = new SecLangParser();
        parser.LoadText("SecRule ARGS \"@rx x\" \"id:1,chain\"");
        Assert.Throws<SecLangParseException>(parser.Build);
    }

    [Fact]
    public void RemoveAndUpdateDirectives_ApplyToEarlierRules()
    {
        var parser = new SecLangParser();
        parser.LoadText("""
            SecRule ARGS "@rx a" "id:1,phase:2,pass"
            SecRule ARGS "@rx b" "id:2,phase:2,pass,tag:'drop-me'"
            SecRule ARGS "@rx c" "id:3,phase:2,pass"
            SecRuleRemoveByTag drop-me
            SecRuleRemoveById 3
            SecRuleUpdateTargetById 1 "!ARGS:password"
            SecRuleUpdateActionById 1 "deny,status:401"
            """);
        var rules = parser.Build();
        Assert.Equal([1], rules.Rules.Select(r => r.Id));
        var rule = rules.FindRule(1)!;
        Assert.Equal(DisruptiveKind.Deny, rule.EffectiveDisruptive);
        Assert.Equal(401, rule.Status);
        Assert.Contains(rule.Variables, v => v.IsExclusion && v.Key == "password");
    }
}
