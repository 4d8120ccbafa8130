using System.Collections.Frozen;
using Rempart.Gateway.Configuration;
using Rempart.Gateway.Configuration.Waf;
using Rempart.Gateway.Waf.Managed;
using Rempart.Gateway.Waf.Statements;

namespace Rempart.Gateway.Waf;

/// <summary>Compiles every web ACL of a config (and the built-in default) into <see cref="WebAclModel"/>s, resolving groups and sets.</summary>
public static class WafModelCompiler
{
    public const string DefaultAclName = "default";

    public static FrozenDictionary<string, WebAclModel> Compile(GatewayConfig config, RateCounterStore rates, string baseDirectory = ".", bool includeDefault = false, IpSets.RuntimeIpSets? runtimeIpSets = null)
    {
        var context = new StatementCompileContext(config, rates, baseDirectory, runtimeIpSets);
        // The built-in ACL (170 rules, compiled regexes) is built only when a route uses it.
        var acls = new Dictionary<string, WebAclModel>(StringComparer.Ordinal);
        if (includeDefault || config.Routes.Count == 0 || config.Routes.Any(r => r.WebAcl == DefaultAclName))
        {
            acls[DefaultAclName] = CompileAcl(DefaultAclName, ManagedRuleCatalog.DefaultWebAcl, config, context);
        }
        foreach (var (name, acl) in config.WebAcls)
        {
            acls[name] = CompileAcl(name, acl, config, context);
        }

        context.SealPrefilters();

        return acls.ToFrozenDictionary(StringComparer.Ordinal);
    }

    private static WebAclModel CompileAcl(string name, WebAclConfig acl, GatewayConfig config, StatementCompileContext context)
    {
        context.UsesHeaderOrder = false;
        var entries = new List<WafRuleEntry>();
        foreach (var rule in acl.Rules.OrderBy(r => r.Priority))
        {
            if (rule.Statement.ManagedGroup is { } managed)
            {
                var group = ManagedRuleCatalog.Find(managed.Name)!;
                entries.Add(new WafRuleEntry(rule.Name, rule.Priority, null, CompileGroup($"{name}/{rule.Name}", group.Rules, managed.Overrides, config, context), rule.OverrideAction == OverrideAction.Count));
            }
            else if (rule.Statement.Crs is not null || rule.Statement.Seclang is not null)
            {
                entries.Add(new WafRuleEntry(rule.Name, rule.Priority, null, null, rule.OverrideAction == OverrideAction.Count, SecLang.SecLangGroupCompiler.Compile(rule.Name, rule.Statement, context.BaseDirectory)));
            }
            else if (rule.Statement.RuleGroup is { } reference)
            {
                var group = config.RuleGroups[reference.Name];
                entries.Add(new WafRuleEntry(rule.Name, rule.Priority, null, CompileGroup($"{name}/{rule.Name}", group.Rules, reference.Overrides, config, context), rule.OverrideAction == OverrideAction.Count));
            }
            else
            {
                entries.Add(new WafRuleEntry(rule.Name, rule.Priority, CompileRule($"{name}/{rule.Name}", rule.Name, rule, null, config, context), null, false));
            }
        }

        return new WebAclModel(name, WafAction.From(acl.DefaultAction, config.ResponseBodies), entries.ToArray(), (int)acl.BodyLimit.Bytes, acl.ChallengeImmunity, acl.EvaluationBudget.Bytes)
        {
            UsesHeaderOrder = context.UsesHeaderOrder,
        };
    }

    private static WafRule[] CompileGroup(string scope, IReadOnlyList<RuleConfig> rules, IReadOnlyDictionary<string, RuleOverride> overrides, GatewayConfig config, StatementCompileContext context)
    {
        var compiled = new List<WafRule>();
        var groupName = scope[(scope.IndexOf('/') + 1)..];
        foreach (var rule in rules.OrderBy(r => r.Priority))
        {
            var overridden = overrides.TryGetValue(rule.Name, out var change);
            if (overridden && change == RuleOverride.Disable)
            {
                continue;
            }

            compiled.Add(CompileRule($"{scope}/{rule.Name}", $"{groupName}/{rule.Name}", rule, overridden ? WafAction.From(change) : null, config, context));
        }

        return compiled.ToArray();
    }

    private static WafRule CompileRule(string counterScope, string id, RuleConfig rule, WafAction? overrideAction, GatewayConfig config, StatementCompileContext context)
    {
        context.RuleId = counterScope;
        var statement = StatementCompiler.Compile(rule.Statement, context);
        var action = overrideAction ?? WafAction.From(rule.Action ?? ActionConfig.FromScalar("block")!, config.ResponseBodies);
        return new WafRule(id, rule.Priority, statement, action, rule.Labels.ToArray(), rule.Visibility.Metrics, rule.Visibility.SampledRequests);
    }
}
