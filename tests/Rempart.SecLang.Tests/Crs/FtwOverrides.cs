using System.Text.RegularExpressions;

namespace Rempart.SecLang.Tests.Crs;

/// <summary>
/// Our override file (<c>Crs/rempart-overrides.yaml</c>): go-ftw's platform-override format (<c>test_overrides</c>,
/// replacing a stage's output) plus go-ftw's config <c>ignore</c> map (test-id regex → reason, reported as skipped).
/// Every entry must carry a reason.
/// </summary>
internal sealed class FtwOverrides
{
    private readonly List<(Regex Pattern, string Reason)> _ignore = [];
    private readonly List<(int RuleId, HashSet<int> TestIds, HashSet<int> StageIds, string Reason, FtwOutput? Output)> _overrides = [];

    public static FtwOverrides Load(string path)
    {
        var overrides = new FtwOverrides();
        if (FtwLoader.ReadYaml(path) is not Dictionary<object, object> doc)
        {
            return overrides;
        }

        if (doc.TryGetValue("ignore", out var ignore) && ignore is Dictionary<object, object> map)
        {
            foreach (var (pattern, reason) in map)
            {
                overrides._ignore.Add((new Regex(FtwLoader.Str(pattern)), RequireReason(FtwLoader.Str(reason), FtwLoader.Str(pattern))));
            }
        }

        if (doc.TryGetValue("test_overrides", out var list) && list is List<object> entries)
        {
            foreach (Dictionary<object, object> entry in entries)
            {
                var ruleId = FtwLoader.Int(entry["rule_id"]);
                var reason = RequireReason(entry.TryGetValue("reason", out var r) ? FtwLoader.Str(r) : "", $"rule {ruleId}");
                var tests = entry.TryGetValue("test_ids", out var t) && t is List<object> ids ? ids.Select(FtwLoader.Int).ToHashSet() : [];
                var stages = entry.TryGetValue("stage_ids", out var s) && s is List<object> sids ? sids.Select(FtwLoader.Int).ToHashSet() : [];
                var output = entry.TryGetValue("output", out var o) && o is Dictionary<object, object> om ? FtwLoader.ReadOutput(om) : null;
                overrides._overrides.Add((ruleId, tests, stages, reason, output));
            }
        }

        return overrides;
    }

    public int Count => _ignore.Count + _overrides.Count;

    /// <summary>The reason <paramref name="test"/> is skipped, or null.</summary>
    public string? IgnoreReason(FtwTest test) => _ignore.FirstOrDefault(i => i.Pattern.IsMatch(test.Name)).Reason;

    /// <summary>The replacement output for a stage, or null.</summary>
    public FtwOutput? OutputFor(FtwTest test, int stageIndex) =>
        _overrides.FirstOrDefault(o => o.RuleId == test.RuleId && (o.TestIds.Count == 0 || o.TestIds.Contains(test.TestId)) && (o.StageIds.Count == 0 || o.StageIds.Contains(stageIndex)) && o.Output is not null).Output;

    private static string RequireReason(string reason, string what) =>
        string.IsNullOrWhiteSpace(reason) ? throw new InvalidOperationException($"override '{what}' has no reason") : reason;
}
