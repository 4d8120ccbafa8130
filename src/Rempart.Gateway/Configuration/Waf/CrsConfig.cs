namespace Rempart.Gateway.Configuration.Waf;

/// <summary>
/// The OWASP Core Rule Set as a managed group: where it is installed, the paranoia level and anomaly thresholds
/// (crs-setup.conf's main settings), and exclusions in the forms CRS users write. Rempart writes the engine
/// settings ModSecurity's modsecurity.conf-recommended would (body processors, limits) around it.
/// </summary>
public sealed record CrsConfig : SecLangGroupConfig
{
    [ConfigDoc("The CRS folder: rules/*.conf inside it, and crs-setup.conf (or crs-setup.conf.example) beside rules/. Debian: /usr/share/modsecurity-crs. Relative paths start at the config file's folder.")]
    [RequiredKey]
    public string Path { get; init; } = "";

    [ConfigDoc("crs-setup.conf to load instead of the one found beside rules/ (e.g. Debian's /etc/modsecurity/crs/crs-setup.conf).")]
    public string? SetupFile { get; init; }

    [ConfigDoc("Blocking paranoia level 1–4 (tx.blocking_paranoia_level): 1 for few false positives, 4 for the most rules.")]
    public int ParanoiaLevel { get; init; } = 1;

    [ConfigDoc("Detection paranoia level (tx.detection_paranoia_level): rules above paranoia_level up to this one run and are logged but score nothing toward blocking. Default: paranoia_level.")]
    public int? DetectionParanoiaLevel { get; init; }

    [ConfigDoc("Inbound anomaly score at which a request is blocked (tx.inbound_anomaly_score_threshold; a critical match scores 5).")]
    public int AnomalyThreshold { get; init; } = 5;

    [ConfigDoc("Outbound anomaly score at which a response is blocked (tx.outbound_anomaly_score_threshold).")]
    public int OutboundAnomalyThreshold { get; init; } = 4;

    [ConfigDoc("on (block at the thresholds) or detection_only (SecRuleEngine DetectionOnly: every match counts, nothing blocks).")]
    public SecLangEngineMode Mode { get; init; } = SecLangEngineMode.On;

    [ConfigDoc("Other crs-setup.conf variables by name without tx., e.g. allowed_methods: \"GET HEAD POST OPTIONS\" or enable_default_collections: 1.")]
    public IReadOnlyDictionary<string, string> Variables { get; init; } = new Dictionary<string, string>();

    [ConfigDoc("A JSON audit log file (ModSecurity v3's JSON format, one line per relevant request: matched rule ids, messages and data, request and response headers and bodies). Relative paths start at the config file's folder. Unset: no audit log.")]
    public string? AuditLog { get; init; }

    [ConfigDoc("SecAuditLogParts: B request headers, I request body, F response headers, E response body, H matched rules (A and Z are always written).")]
    public string AuditLogParts { get; init; } = "ABIJFHZ";

    [ConfigDoc("Exclusions, in order: remove_rules, remove_tags, remove_targets (with rules or tags), optionally for a path_prefix only; or raw SecLang in before_crs / after_crs.")]
    public IReadOnlyList<CrsExclusionConfig> Exclusions { get; init; } = [];
}
