using Rempart.Gateway.Configuration;
using Rempart.Gateway.Configuration.Waf;
using Rempart.Gateway.Tests.Infrastructure;
using Rempart.Gateway.Waf.SecLang;

namespace Rempart.Gateway.Tests.Waf;

/// <summary>crs: and seclang: statements: config errors with positions and fixes, rule-file errors with file:line and directive, reuse across reloads.</summary>
public class CrsConfigTests
{
    private static ConfigLoadResult Load(string statement, string directory) => ConfigLoader.LoadText($$"""
        origins: { app: { targets: ["http://127.0.0.1:3000"] } }
        web_acls:
          main:
            rules:
              - name: crs
                priority: 1
                statement:
        {{statement}}
        routes:
          - match: { paths: ["/"] }
            origin: app
            web_acl: main
        """, "rempart.yaml", directory);

    private static string Find(ConfigLoadResult result, string pathEnd) =>
        // Only the error at that path: falling back to every error would let an assertion pass on another key's message.
        result.Errors.FirstOrDefault(e => e.Path.EndsWith(pathEnd, StringComparison.Ordinal))?.ToString() ?? "";

    [Fact]
    public void BadCrsSettings_AreAllReported_WithPositionsAndFixes()
    {
        var dir = Directory.CreateTempSubdirectory("rempart-crs-").FullName;
        var result = Load("""
                      crs:
                        path: ./nowhere
                        paranoia_level: 5
                        anomaly_threshold: 0
                        overrides: { "abc": count, "942100": allow }
                        response_body_types: [html]
                        exclusions:
                          - { remove_rules: [942100], remove_tags: [x] }
                          - { remove_targets: [ARGS:password] }
                          - { remove_rules: ["9-1"], path_prefix: admin }
            """, dir);

        Assert.Contains("rempart.yaml:9:", Find(result, "crs.path"), StringComparison.Ordinal);
        Assert.Contains("holds no rules/ folder", Find(result, "crs.path"), StringComparison.Ordinal);
        Assert.Contains("is not 1 to 4", Find(result, "crs.paranoia_level"), StringComparison.Ordinal);
        Assert.Contains("at least 1", Find(result, "crs.anomaly_threshold"), StringComparison.Ordinal);
        Assert.Contains("is not a rule id", Find(result, "overrides.abc"), StringComparison.Ordinal);
        Assert.Contains("use count, block or disable", Find(result, "overrides.942100"), StringComparison.Ordinal);
        Assert.Contains("is not a media type", Find(result, "response_body_types[0]"), StringComparison.Ordinal);
        Assert.Contains("exactly one of", Find(result, "exclusions[0]"), StringComparison.Ordinal);
        Assert.Contains("needs the rules or tags", Find(result, "exclusions[1]"), StringComparison.Ordinal);
        Assert.Contains("not a rule id or id range", Find(result, "exclusions[2].remove_rules[0]"), StringComparison.Ordinal);
        Assert.Contains("is not a path", Find(result, "exclusions[2].path_prefix"), StringComparison.Ordinal);
    }

    [Fact]
    public void BrokenRuleFile_IsAConfigError_NamingTheFileLineAndDirective()
    {
        var dir = Directory.CreateTempSubdirectory("rempart-seclang-").FullName;
        File.WriteAllText(Path.Combine(dir, "site.conf"), """
            SecRuleEngine On
            SecRule ARGS "@rx attack" "id:1001,phase:2,deny,status:403"

            SecRule ARGS "@rx (unclosed" "id:1002,phase:2,deny"
            """);
        var result = Load("""
                      seclang: { files: [site.conf] }
            """, dir);

        var error = Find(result, "statement.seclang");
        Assert.Contains($"{Path.Combine(dir, "site.conf")}:4: SecRule:", error, StringComparison.Ordinal);
        Assert.Contains("rempart.yaml:8:", error, StringComparison.Ordinal);

        File.WriteAllText(Path.Combine(dir, "site.conf"), "SecRuleEngine On\nSecRule ARGS \"@rx attack\" \"id:1001,phase:2,deny\"\n");
        var unknownOverride = Load("""
                      seclang: { files: [site.conf], overrides: { "4242": count } }
            """, dir);
        Assert.Contains("no loaded rule has this id", Find(unknownOverride, "seclang.overrides.4242"), StringComparison.Ordinal);
    }

    [Fact]
    public void RuleSet_IsReused_WhileFilesAreUnchanged_AndReloaded_WhenOneChanges()
    {
        var dir = Directory.CreateTempSubdirectory("rempart-seclang-").FullName;
        var file = Path.Combine(dir, "site.conf");
        File.WriteAllText(file, "SecRuleEngine On\nSecRule ARGS \"@rx attack\" \"id:1001,phase:2,deny\"\n");
        var plan = SecLangLoadPlan.ForFiles(new SecLangFilesConfig { Files = ["*.conf"] }, dir);

        var first = SecLangRuleSetCache.GetOrLoad(plan);
        Assert.Same(first, SecLangRuleSetCache.GetOrLoad(plan));

        File.WriteAllText(file, "SecRuleEngine On\nSecRule ARGS \"@rx attack|exploit\" \"id:1001,phase:2,deny\"\n");
        File.SetLastWriteTimeUtc(file, DateTime.UtcNow.AddMinutes(1));
        var changed = SecLangRuleSetCache.GetOrLoad(plan);
        Assert.NotSame(first, changed);

        File.WriteAllText(Path.Combine(dir, "more.conf"), "SecRule ARGS \"@rx other\" \"id:1002,phase:2,deny\"\n");
        var added = SecLangRuleSetCache.GetOrLoad(plan);
        Assert.NotSame(changed, added);
        Assert.NotNull(added.FindRule(1002));
    }

    [SharedDataFact("crs")]
    public void CrsFromSharedTestData_Validates()
    {
        var result = Load($$"""
                      crs: { path: {{CrsFunctionalTests.CrsPath}}, paranoia_level: 2, overrides: { "942100": count, "920350": disable } }
            """, Path.GetTempPath());

        Assert.True(result.Errors.Count == 0, string.Join("\n", result.Errors));
    }
}
