using Rempart.SecLang.Engine;
using Rempart.SecLang.Parsing;
using Rempart.SecLang.Text;

namespace Rempart.SecLang.Tests.Engine;

public sealed class TransactionTests
{
    private static RuleSet Load(string text)
    {
        var parser = new SecLangParser();
        parser.LoadText("SecRuleEngine On\nSecRequestBodyAccess On\n" + text);
        return parser.Build();
    }

    private static Transaction Get(RuleSet rules, string uri, params (string Name, string Value)[] headers)
    {
        var tx = rules.NewTransaction("t1");
        tx.ProcessConnection("10.0.0.1", 5555, "10.0.0.2", 80);
        tx.ProcessUri(uri, "GET", "HTTP/1.1");
        foreach (var (name, value) in headers)
        {
            tx.AddRequestHeader(name, value);
        }

        return tx;
    }

    [Fact]
    public void DenyRule_Interrupts_WithStatusAndRuleId()
    {
        var rules = Load("SecRule ARGS:q \"@contains attack\" \"id:10,phase:1,deny,status:403,t:lowercase,msg:'found %{MATCHED_VAR}'\"");
        var tx = Get(rules, "/search?q=ATTACK");
        var interruption = tx.ProcessRequestHeaders();
        Assert.Equal(new Interruption(InterruptionAction.Deny, 403, 10), interruption);
        Assert.Equal("found attack", Assert.Single(tx.MatchedRules).Message);
    }

    [Fact]
    public void DetectionOnly_LogsWithoutInterrupting()
    {
        var rules = Load("SecRuleEngine DetectionOnly\nSecRule ARGS \"@rx x\" \"id:10,phase:1,deny\"");
        var tx = Get(rules, "/?a=x");
        Assert.Null(tx.ProcessRequestHeaders());
        Assert.Equal(10, Assert.Single(tx.MatchedRules).Id);
    }

    [Fact]
    public void Chain_SetvarAndSkipAfter_FollowModSecurity()
    {
        var rules = Load("""
            SecAction "id:1,phase:1,pass,nolog,setvar:tx.score=0"
            SecRule REQUEST_METHOD "@streq GET" "id:2,phase:1,pass,chain"
                SecRule ARGS:id "@rx ^\d+$" "setvar:tx.score=+5"
            SecRule TX:score "@lt 5" "id:3,phase:1,pass,skipAfter:END"
            SecRule ARGS "@unconditionalMatch" "id:4,phase:1,pass,setvar:tx.reached=1"
            SecMarker END
            SecRule TX:score "@ge 5" "id:5,phase:1,deny,status:418,msg:'score %{tx.score}'"
            """);
        var tx = Get(rules, "/?id=42");
        var interruption = tx.ProcessRequestHeaders();
        Assert.Equal(418, interruption?.Status);
        Assert.Equal([1, 2, 4, 5], tx.MatchedRules.Select(r => r.Id));
        Assert.Equal([2, 4, 5], tx.MatchedRules.Where(r => r.IsLogged).Select(r => r.Id));
        Assert.Equal("5", tx.TxVariables["score"]);
        Assert.Equal("score 5", tx.MatchedRules[^1].Message);
    }

    [Fact]
    public void CtlRuleRemoveTargetById_ExcludesTheArgument()
    {
        var rules = Load("""
            SecRule REQUEST_FILENAME "@streq /login" "id:1,phase:1,pass,nolog,ctl:ruleRemoveTargetById=2;ARGS:password"
            SecRule ARGS "@rx '" "id:2,phase:1,deny"
            """);
        var tx = Get(rules, "/login?password=a'b");
        Assert.Null(tx.ProcessRequestHeaders());
        var other = Get(rules, "/other?password=a'b");
        Assert.NotNull(other.ProcessRequestHeaders());
    }

    [Fact]
    public void JsonBody_IsFlattenedIntoArgs()
    {
        var rules = Load("""
            SecRule REQUEST_HEADERS:Content-Type "@rx ^application/json" "id:1,phase:1,pass,nolog,ctl:requestBodyProcessor=JSON"
            SecRule ARGS:user.name "@streq admin" "id:2,phase:2,deny"
            """);
        var tx = Get(rules, "/api", ("Content-Type", "application/json"));
        Assert.Null(tx.ProcessRequestHeaders());
        tx.AppendRequestBody("""{"user":{"name":"admin"}}"""u8);
        Assert.Equal(2, tx.ProcessRequestBody()?.RuleId);
    }

    [Fact]
    public void MultipartBody_FillsArgsAndFiles()
    {
        var rules = Load("""
            SecRule FILES "@endsWith .php" "id:1,phase:2,deny,status:403"
            """);
        var tx = Get(rules, "/upload", ("Content-Type", "multipart/form-data; boundary=XX"));
        Assert.Null(tx.ProcessRequestHeaders());
        tx.AppendRequestBody(System.Text.Encoding.ASCII.GetBytes("--XX\r\nContent-Disposition: form-data; name=\"f\"; filename=\"shell.php\"\r\n\r\n<?php ?>\r\n--XX--\r\n"));
        Assert.Equal(1, tx.ProcessRequestBody()?.RuleId);
    }

    [Fact]
    public void Values_AreBytes_AsModSecuritySeesThem()
    {
        var rules = Load("SecRule ARGS \"@rx \\xc3\\xa9\" \"id:1,phase:1,deny\"");
        var tx = Get(rules, "/?a=%C3%A9");
        Assert.NotNull(tx.ProcessRequestHeaders());
        Assert.Equal("é", Latin1.ToText(Latin1.FromText("é")));
    }
}
