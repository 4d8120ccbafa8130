using Rempart.Gateway.Configuration;
using Rempart.Gateway.Waf;
using Rempart.Gateway.Waf.Statements;

namespace Rempart.Gateway.Tests.Waf;

/// <summary>
/// A backtracking pattern (a backreference keeps it off the NonBacktracking engine) on a value that
/// makes it explode: the evaluation ends at the match timeout, and the value it could not inspect
/// is treated as a match — fail closed — with the reason in the match detail and the count.
/// </summary>
public class RegexTimeoutTests
{
    [Fact]
    public void ACatastrophicPattern_TimesOut_AndFailsClosed()
    {
        var loaded = ConfigLoader.LoadText("""
            origins: { app: { targets: ["http://127.0.0.1:3000"] } }
            web_acls:
              main:
                rules:
                  - { name: evil, priority: 1, statement: { regex_match: { field: query_string, pattern: "^(a|aa)+(b)\\2$" } }, action: block }
            routes:
              - { match: { paths: ["/"] }, origin: app, web_acl: main }
            """, "rempart.yaml", Path.GetTempPath());
        Assert.True(loaded.IsValid, string.Join("; ", loaded.Errors.Select(e => e.Message)));
        var acl = WafModelCompiler.Compile(loaded.Config!, new RateCounterStore(TimeProvider.System))["main"];
        var before = RegexMatchStatement.Timeouts;

        var context = new WafEvaluationContext(new WafRequest { Method = "GET", Path = "/", QueryString = new string('a', 64) + "c", Headers = [] }, acl.Budget);
        var verdict = WafEvaluator.Evaluate(acl, context, hasValidChallengeToken: false);

        Assert.Equal(WafActionKind.Block, verdict.Action.Kind);
        Assert.Contains("timed out", verdict.Matches.Single().Detail!.Detail, StringComparison.Ordinal);
        Assert.True(RegexMatchStatement.Timeouts > before);
    }
}
