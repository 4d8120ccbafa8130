using System.Collections.Frozen;
using System.Globalization;
using Rempart.SecLang.Engine;

namespace Rempart.Gateway.Waf.SecLang;

/// <summary>
/// What a group reports for each rule, formatted once when the group is compiled instead of on every match:
/// the web ACL rule id (<c>crs/942100</c>), its transformation list for match details, the labels <c>rempart:crs:rule:942100</c> and
/// <c>rempart:crs:attack:sqli</c> (from CRS's <c>attack-*</c> tags), and the anomaly-score labels of common scores.
/// </summary>
public sealed class SecLangRuleNames
{
    private const int CachedScores = 256;
    private readonly FrozenDictionary<Rule, Names> _byRule;
    private readonly string[] _scoreLabels;
    private readonly string _groupName;
    private readonly string _kind;

    public SecLangRuleNames(string groupName, string kind, RuleSet rules)
    {
        _groupName = groupName;
        _kind = kind;
        _byRule = rules.Rules.Where(r => !r.IsMarker).Distinct().ToFrozenDictionary(r => r, For); // Rule has reference equality
        _scoreLabels = [.. Enumerable.Range(0, CachedScores).Select(ScoreLabelText)];
    }

    /// <summary>The reported names of one rule.</summary>
    public sealed record Names(string AclRuleId, string RuleLabel, string[] AttackLabels, string Transformations);

    /// <summary>The names of <paramref name="rule"/> (formatted now for a rule the table does not hold, e.g. one added by ctl).</summary>
    public Names Of(Rule rule) => _byRule.TryGetValue(rule, out var names) ? names : For(rule);

    public string ScoreLabel(int score) => (uint)score < CachedScores ? _scoreLabels[score] : ScoreLabelText(score);

    private Names For(Rule rule)
    {
        var id = rule.Id.ToString(CultureInfo.InvariantCulture);
        var attacks = rule.Tags
            .Where(tag => tag.StartsWith("attack-", StringComparison.Ordinal) && IsLabelWord(tag.AsSpan(7)))
            .Select(tag => $"rempart:{_kind}:attack:{tag[7..]}")
            .ToArray();
        var transformations = rule.TransformationNames.Count == 0 ? "none" : string.Join(',', rule.TransformationNames);
        return new Names($"{_groupName}/{id}", $"rempart:{_kind}:rule:{id}", attacks, transformations);
    }

    private string ScoreLabelText(int score) => $"rempart:{_kind}:anomaly_score:{score.ToString(CultureInfo.InvariantCulture)}";

    private static bool IsLabelWord(ReadOnlySpan<char> word)
    {
        foreach (var c in word)
        {
            if (!char.IsAsciiLetterOrDigit(c) && c is not '-' and not '_')
            {
                return false;
            }
        }

        return word.Length > 0;
    }
}
