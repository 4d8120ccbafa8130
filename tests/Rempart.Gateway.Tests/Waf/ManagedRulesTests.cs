using Rempart.Gateway.Configuration;
using Rempart.Gateway.Configuration.Waf;
using Rempart.Gateway.Tests.Infrastructure;
using Rempart.Gateway.Waf.Managed;

namespace Rempart.Gateway.Tests.Waf;

public class ManagedRulesTests
{
    [Fact]
    public void EveryManagedGroup_LoadsAndPassesTheSameValidationAsOperatorRules()
    {
        var config = new GatewayConfig
        {
            RuleGroups = ManagedRuleCatalog.All.ToDictionary(g => g.Name, g => new RuleGroupConfig { Rules = g.Rules }),
        };
        var errors = new List<ConfigError>();

        WafConfigValidator.Validate(config, new SourceMap("managed"), errors);

        Assert.Empty(errors);
        Assert.Equal(ManagedRuleCatalog.Names.Count, ManagedRuleCatalog.All.Count());
        Assert.All(ManagedRuleCatalog.All.SelectMany(g => g.Rules), r => Assert.False(string.IsNullOrEmpty(r.Description), r.Name));
    }

    [Fact]
    public void EveryManagedRule_IsDocumented()
    {
        var doc = File.ReadAllText(Path.Combine(TestPaths.RepoRoot, "docs", "waf-managed-rules.md"));

        var missing = ManagedRuleCatalog.All.SelectMany(g => g.Rules.Select(r => r.Name)).Where(n => !doc.Contains($"`{n}`", StringComparison.Ordinal)).ToList();

        Assert.True(missing.Count == 0, "undocumented managed rules: " + string.Join(", ", missing));
    }
}
