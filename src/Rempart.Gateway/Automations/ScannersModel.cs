using Rempart.Gateway.Configuration.Automations;
using Rempart.Gateway.Decisions;

namespace Rempart.Gateway.Automations;

/// <summary>Compiled scanners settings: statuses as a set, per-path thresholds longest prefix first.</summary>
public sealed record ScannersModel(
    bool Enabled,
    int ErrorsPerMinute,
    IReadOnlySet<int> Statuses,
    TimeSpan? BanFor,
    DecisionAction Action,
    string[] IgnoredSuffixes,
    (string Prefix, int Threshold)[] Paths)
{
    public static ScannersModel From(ScannersConfig c)
    {
        BanLength.TryParse(c.BanFor, out var banFor);
        ActiveDecision.TryParseAction(c.Action, out var action);
        return new ScannersModel(c.Enabled, c.ErrorsPerMinute, c.Statuses.ToHashSet(), banFor, action, [.. c.IgnoredSuffixes],
            [.. c.Paths.OrderByDescending(p => p.Prefix.Length).Select(p => (p.Prefix, p.ErrorsPerMinute))]);
    }
}
