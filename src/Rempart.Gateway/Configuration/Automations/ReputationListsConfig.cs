namespace Rempart.Gateway.Configuration.Automations;

/// <summary>IP reputation lists: third-party block lists refreshed on a schedule into one IP set that Shield refuses.</summary>
public sealed record ReputationListsConfig
{
    [ConfigDoc("Off by default: fetching lists needs outbound access. docs/automations.md gives AWS's source list ready to paste.")]
    public bool Enabled { get; init; }

    [ConfigDoc("Refuse listed clients (403) right after client identification, as AWS's IPReputationListsRule blocks its set. false: the lists only feed web ACL rules that name them (ip_set: reputation_lists, or reputation_lists.SOURCE), to count, label or challenge instead.")]
    public bool Block { get; init; } = true;

    [ConfigDoc("How often each source is fetched again (a conditional GET: unchanged lists cost one small answer).")]
    public TimeSpan Refresh { get; init; } = TimeSpan.FromHours(1);

    [ConfigDoc("The sources.")]
    public IReadOnlyList<ReputationSourceConfig> Sources { get; init; } = [];
}
