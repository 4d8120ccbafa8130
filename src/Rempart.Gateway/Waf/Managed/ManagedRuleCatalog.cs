using Rempart.Gateway.Configuration;
using Rempart.Gateway.Configuration.Waf;

namespace Rempart.Gateway.Waf.Managed;

/// <summary>
/// Rempart's managed rule groups, written in the same YAML language operators use (embedded
/// resources under Waf/Managed/Rules), loaded once. The built-in <c>default</c> web ACL runs them
/// all in blocking mode.
/// </summary>
public static class ManagedRuleCatalog
{
    /// <summary>Order of the groups in the default web ACL: cheap and decisive first.</summary>
    public static readonly IReadOnlyList<string> Names = ["bad_bots", "known_bad_inputs", "core", "sql_database", "linux", "unix", "windows", "php"];

    private static readonly Lazy<IReadOnlyDictionary<string, ManagedRuleGroup>> Groups = new(Load);

    /// <summary>Request bodies the default web ACL inspects; larger ones are inspected up to this size (continue).</summary>
    public static readonly ByteSize DefaultBodyLimit = new(256 * 1024);

    public static ManagedRuleGroup? Find(string name) => Groups.Value.TryGetValue(name, out var g) ? g : null;

    public static IEnumerable<ManagedRuleGroup> All => Names.Select(n => Groups.Value[n]);

    public static WebAclConfig DefaultWebAcl { get; } = new()
    {
        DefaultAction = ActionConfig.DefaultAllow,
        BodyLimit = DefaultBodyLimit,
        Rules = Names.Select((name, i) => new RuleConfig
        {
            Name = $"managed-{name}",
            Priority = (i + 1) * 10,
            Statement = new StatementConfig { ManagedGroup = new ManagedGroupConfig { Name = name } },
        }).ToList(),
    };

    private static IReadOnlyDictionary<string, ManagedRuleGroup> Load()
    {
        var groups = new Dictionary<string, ManagedRuleGroup>(StringComparer.Ordinal);
        foreach (var name in Names)
        {
            var resource = $"Rempart.Managed.{name}.yaml";
            using var stream = typeof(ManagedRuleCatalog).Assembly.GetManifestResourceStream(resource)
                ?? throw new InvalidOperationException($"Managed rule group {resource} is missing from the build.");
            using var reader = new StreamReader(stream);
            var (group, errors) = ConfigLoader.Bind<RuleGroupConfig>(reader.ReadToEnd(), $"managed/{name}.yaml");
            if (group is null || errors.Count > 0)
            {
                throw new InvalidOperationException($"Managed rule group {name} does not load:\n" + string.Join("\n", errors));
            }

            groups[name] = new ManagedRuleGroup(name, group.Description ?? "", group.Rules);
        }

        return groups;
    }
}
