using Rempart.Gateway.Configuration;
using Rempart.Gateway.Waf;
using Rempart.Gateway.Waf.Statements;

namespace Rempart.Gateway.Tests.Waf;

/// <summary>
/// Rules that read the same field through the same transformations share the field's values and a
/// per-request "no value can match" answer. These check that the sharing never hides a match: the
/// answer is per (field, chain), a different field or chain is evaluated on its own, and a released
/// evaluation's caches do not leak into the next request on the same thread.
/// </summary>
public class SharedFieldEvaluationTests
{
    private const string Acl = """
        origins: { app: { targets: ["http://127.0.0.1:3000"] } }
        web_acls:
          main:
            default_action: allow
            rules:
              - { name: a, priority: 1, statement: { regex_match: { field: { headers: { match_scope: value } }, transforms: [lowercase], pattern: "alpha[0-9]" } }, action: count }
              - { name: b, priority: 2, statement: { regex_match: { field: { headers: { match_scope: value } }, transforms: [lowercase], pattern: "bravo[0-9]" } }, action: count }
              - { name: c, priority: 3, statement: { regex_match: { field: { headers: { match_scope: value } }, transforms: [url_decode], pattern: "Charlie" } }, action: count }
              - { name: d, priority: 4, statement: { regex_match: { field: { cookies: { match_scope: value } }, transforms: [lowercase], pattern: "delta" } }, action: count }
              - { name: e, priority: 5, statement: { not: { regex_match: { field: uri_path, pattern: "^/ok" } } }, action: count }
        routes:
          - { match: { paths: ["/"] }, origin: app, web_acl: main }
        """;

    private readonly WebAclModel _acl;

    public SharedFieldEvaluationTests()
    {
        var loaded = ConfigLoader.LoadText(Acl, "rempart.yaml", Path.GetTempPath());
        Assert.True(loaded.IsValid, string.Join("; ", loaded.Errors.Select(e => e.Message)));
        _acl = WafModelCompiler.Compile(loaded.Config!, new RateCounterStore(TimeProvider.System))["main"];
    }

    [Theory]
    [InlineData("X-Test", "nothing here", "", "/ok", "")]
    [InlineData("X-Test", "BRAVO7", "", "/ok", "b")]
    [InlineData("X-Test", "ALPHA1 bravo2", "", "/ok", "a,b")]
    [InlineData("X-Test", "%43harlie", "", "/ok", "c")]
    [InlineData("X-Test", "charlie", "s=DELTA", "/ok", "d")]
    [InlineData("X-Test", "plain", "", "/other", "e")]
    public void EachRuleSeesItsOwnFieldAndChain(string header, string value, string cookie, string path, string expected)
    {
        var headers = new List<KeyValuePair<string, string>> { new("Host", "waf.test"), new(header, value) };
        if (cookie.Length > 0)
        {
            headers.Add(new("Cookie", cookie));
        }

        // Twice on one thread: the second evaluation reuses the released caches of the first.
        for (var round = 0; round < 2; round++)
        {
            var context = new WafEvaluationContext(new WafRequest { Method = "GET", Path = path, Headers = headers }, _acl.Budget);
            var verdict = WafEvaluator.Evaluate(_acl, context, hasValidChallengeToken: false);
            context.Release();

            Assert.Equal(expected, string.Join(",", verdict.Matches.Select(m => m.RuleId.Split('/')[^1])));
        }
    }

    [Fact]
    public void ARequestAfterAMatchingOneIsNotAnsweredFromItsCaches()
    {
        Assert.Equal("b", Matches("BRAVO7"));
        Assert.Equal("", Matches("benign"));
        Assert.Equal("a", Matches("alpha3"));
    }

    private string Matches(string value)
    {
        var request = new WafRequest { Method = "GET", Path = "/ok", Headers = [new("Host", "waf.test"), new("X-Test", value)] };
        var context = new WafEvaluationContext(request, _acl.Budget);
        var verdict = WafEvaluator.Evaluate(_acl, context, hasValidChallengeToken: false);
        context.Release();
        return string.Join(",", verdict.Matches.Select(m => m.RuleId.Split('/')[^1]));
    }
}
