using System.Collections.Frozen;
namespace Rempart.Gateway.Waf;

/// <summary>A compiled web ACL: entries sorted by priority, the default action, and how much body the rules need.</summary>
public sealed class WebAclModel(string name, WafAction defaultAction, WafRuleEntry[] entries, int bodyLimit, TimeSpan challengeImmunity, long budget)
{
    public string Name { get; } = name;

    public WafAction DefaultAction { get; } = defaultAction;

    public WafRuleEntry[] Entries { get; } = entries;

    /// <summary>A rule reads <c>header_order</c>: connections are observed for header arrival order while this ACL is in use.</summary>
    public bool UsesHeaderOrder { get; init; }

    public int BodyLimit { get; } = bodyLimit;

    public TimeSpan ChallengeImmunity { get; } = challengeImmunity;

    public long Budget { get; } = budget;

    /// <summary>True when some statement inspects the body; otherwise the stage never reads it.</summary>
    public bool NeedsBody { get; } = entries.Any(e => e.Rule?.Statement.NeedsBody == true || e.GroupRules?.Any(r => r.Statement.NeedsBody) == true || e.SecLang?.NeedsBody == true);

    /// <summary>True when a SecLang group has response rules (phases 3–4): the stage then inspects the response.</summary>
    public bool InspectsResponse { get; } = entries.Any(e => e.SecLang?.InspectsResponse == true);

    public IEnumerable<WafRule> AllRules => Entries.SelectMany(e => e.GroupRules ?? (e.Rule is null ? [] : [e.Rule]));

    /// <summary>Rules by id, built once at load (the stage looks up matched rules per request).</summary>
    public System.Collections.Frozen.FrozenDictionary<string, WafRule> RulesById { get; } =
        entries.SelectMany(e => e.GroupRules ?? (e.Rule is null ? [] : [e.Rule])).GroupBy(r => r.Id).ToDictionary(g => g.Key, g => g.First()).ToFrozenDictionary();
}
