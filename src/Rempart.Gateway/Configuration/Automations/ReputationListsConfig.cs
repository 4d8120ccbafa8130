namespace Rempart.Gateway.Configuration.Automations;

/// <summary>IP reputation lists: third-party block lists refreshed on a schedule into one IP set that Shield refuses.</summary>
public sealed record ReputationListsConfig
{
    [ConfigDoc("Off by default: fetching lists needs outbound access. docs/automations.md gives AWS's source list ready to paste.")]
    public bool Enabled { get; init; }

    [ConfigDoc("How often each source is fetched again (a conditional GET: unchanged lists cost one small answer).")]
    public TimeSpan Refresh { get; init; } = TimeSpan.FromHours(1);

    [ConfigDoc("The sources.")]
    public IReadOnlyList<ReputationSourceConfig> Sources { get; init; } = [];
}
