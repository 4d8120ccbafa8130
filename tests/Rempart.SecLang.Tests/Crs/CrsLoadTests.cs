using Rempart.SecLang.Engine;
using Rempart.SecLang.Tests.Infrastructure;
using Xunit.Abstractions;

namespace Rempart.SecLang.Tests.Crs;

public sealed class CrsLoadTests(ITestOutputHelper output)
{
    [CrsFact]
    public void Crs_LoadsUnmodified_WithEveryRule()
    {
        var (rules, elapsed) = CrsConfiguration.Load(TestData.Crs!, new SecLangOptions { Regexes = new RegexCache() });
        var starters = rules.Rules.Count(r => !r.IsMarker);
        output.WriteLine($"CRS loaded: {starters} rules, {rules.Rules.Count(r => r.IsMarker)} markers in {elapsed.TotalMilliseconds:F0} ms");
        Assert.True(starters > 600, $"only {starters} rules loaded");
        Assert.NotNull(rules.FindRule(942100));
        Assert.NotNull(rules.FindRule(949110));
    }

    [CrsFact]
    public void Crs_BlockingMode_DeniesSqlInjectionWithAnomalyScore_AndPassesBenignRequests()
    {
        var parser = new Rempart.SecLang.Parsing.SecLangParser();
        parser.LoadText("SecRuleEngine On\nSecRequestBodyAccess On\n", Path.Combine(TestData.Crs!, "engine.conf"));
        parser.LoadFile(Path.Combine(TestData.Crs!, "crs-setup.conf.example"));
        parser.LoadFile(Path.Combine(TestData.Crs!, "rules", "*.conf"));
        var rules = parser.Build();

        var attack = Run(rules, "/search?q=1%27%20OR%20%271%27%3D%271");
        Assert.Equal(new Interruption(InterruptionAction.Deny, 403, 949110), attack.Interruption);
        Assert.True(attack.InboundAnomalyScore >= 5, $"score {attack.InboundAnomalyScore}");
        Assert.Contains(attack.MatchedRules, r => r.Id == 942100);

        var benign = Run(rules, "/search?q=garden+chairs&page=2");
        Assert.Null(benign.Interruption);
        Assert.DoesNotContain(benign.MatchedRules, r => r.IsLogged);
    }

    private static Transaction Run(RuleSet rules, string uri)
    {
        var tx = rules.NewTransaction();
        tx.ProcessConnection("192.0.2.10", 50000, "192.0.2.1", 80);
        tx.ProcessUri(uri, "GET", "HTTP/1.1");
        tx.AddRequestHeader("Host", "example.com");
        tx.AddRequestHeader("User-Agent", "Mozilla/5.0 (X11; Linux x86_64) Firefox/120.0");
        tx.AddRequestHeader("Accept", "text/html");
        _ = tx.ProcessRequestHeaders() ?? tx.ProcessRequestBody();
        tx.ProcessLogging();
        return tx;
    }
}
