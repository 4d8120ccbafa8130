namespace Rempart.Gateway.Configuration.Automations;

/// <summary>IP reputation lists: third-party block lists refreshed on a schedule into one IP set.</summary>
public sealed record ReputationListsConfig
{
    [ConfigDoc("Off by default: fetching lists needs outbound access. docs/automations.md gives AWS's source list ready to paste.")]
    public bool Enabled { get; init; }

    [ConfigDoc("How often each source is fetched again (a conditional GET: unchanged lists cost one small answer).")]
    public TimeSpan Refresh { get; init; } = TimeSpan.FromHours(1);

    [ConfigDoc("Name of the IP set the union of the lists is published as, for ip_set statements in web ACLs.")]
    public string IpSet { get; init; } = "reputation";

    [ConfigDoc("Refuse (403) clients in the lists at the front of the pipeline. false: only publish the IP set for web ACL rules.")]
    public bool Block { get; init; } = true;

    [ConfigDoc("The sources.")]
    public IReadOnlyList<ReputationSourceConfig> Sources { get; init; } = [];
}
