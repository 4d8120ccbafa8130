using Rempart.Gateway.Configuration;

namespace Rempart.Gateway.Tests.Waf;

/// <summary>Bad web ACLs are config errors with file:line and a fix — all of them at once.</summary>
public class WafConfigErrorTests
{
    [Fact]
    public void BadRules_AreAllReported_WithPositions()
    {
        var yaml = """
            origins: { app: { targets: ["http://127.0.0.1:3000"] } }
            regex_sets: { bad: ["(unclosed"] }
            web_acls:
              main:
                body_limit: 2MiB
                rules:
                  - name: r1
                    priority: 1
                    statement: { regex_match: { field: uri_path, pattern: "[z-a]" } }
                    action: block
                  - name: r2
                    priority: 1
                    statement: { byte_match: { field: query_string, transforms: [url_decode, rot13], contains: x } }
                    action: block
                  - name: r3
                    priority: 3
                    statement: { ip_set: missing }
                    action: block
                    labels: ["bad label!"]
                  - name: r4
                    priority: 4
                    statement: { and: [ { managed_group: { name: core } }, { label_match: { key: a } } ] }
                    action: block
                  - name: r5
                    priority: 5
                    statement: { managed_group: { name: cor, overrides: { nope: count } } }
                  - name: r6
                    priority: 6
                    statement: { rate_based: { limit: 0, window: 30s } }
                    action: block
                  - name: r7
                    priority: 7
                    statement: { sqli_match: { field: body }, xss_match: { field: body } }
                    action: { block: { status: 999, response: missing-body } }
            routes:
              - match: { paths: ["/"] }
                origin: app
                web_acl: main
            """;

        var result = ConfigLoader.LoadText(yaml, "rempart.yaml", Path.GetTempPath());
        string Find(string pathEnd) => result.Errors.FirstOrDefault(e => e.Path.EndsWith(pathEnd, StringComparison.Ordinal))?.ToString() ?? "";

        Assert.Contains("does not compile", Find("regex_sets.bad[0]"), StringComparison.Ordinal);
        Assert.Contains("outside 1 byte to 1MiB", Find("body_limit"), StringComparison.Ordinal);
        Assert.Contains("rempart.yaml:9:", Find("rules[0].statement.regex_match.pattern"), StringComparison.Ordinal);
        Assert.Contains("priority 1 is also rule 'r1'", Find("rules[1].priority"), StringComparison.Ordinal);
        Assert.Contains("'rot13' is not a valid value", Find("transforms[1]"), StringComparison.Ordinal);
        Assert.Contains("IP set 'missing' is not defined", Find("rules[2].statement.ip_set"), StringComparison.Ordinal);
        Assert.Contains("is not a label", Find("rules[2].labels[0]"), StringComparison.Ordinal);
        Assert.Contains("only be a rule's whole statement", Find("rules[3].statement.and[0]"), StringComparison.Ordinal);
        Assert.Contains("did you mean 'core'?", Find("rules[4].statement.managed_group.name"), StringComparison.Ordinal);
        Assert.Contains("at least 1", Find("rules[5].statement.rate_based.limit"), StringComparison.Ordinal);
        Assert.Contains("outside 1m to 10m", Find("rules[5].statement.rate_based.window"), StringComparison.Ordinal);
        Assert.Contains("a statement has one key", Find("rules[6].statement"), StringComparison.Ordinal);
        Assert.Contains("not an HTTP status", Find("rules[6].action.block.status"), StringComparison.Ordinal);
        Assert.Contains("response body 'missing-body' is not defined", Find("rules[6].action.block.response"), StringComparison.Ordinal);
    }
}
