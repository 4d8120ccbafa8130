namespace Rempart.Gateway.Configuration.Waf;

/// <summary>
/// A rule statement: exactly one of these keys, as in AWS WAF v2 (snake_case). and/or/not nest;
/// managed_group, rule_group, crs and seclang bring in groups of rules.
/// </summary>
public sealed record StatementConfig
{
    [ConfigDoc("A string in a field: exactly, starts_with, ends_with, contains or contains_word.")]
    public ByteMatchConfig? ByteMatch { get; init; }

    [ConfigDoc("A regular expression on a field.")]
    public RegexMatchConfig? RegexMatch { get; init; }

    [ConfigDoc("Any regular expression of a named set under regex_sets on a field.")]
    public RegexSetMatchConfig? RegexSet { get; init; }

    [ConfigDoc("SQL injection in a field (Rempart's detector).")]
    public SqliMatchConfig? SqliMatch { get; init; }

    [ConfigDoc("Cross-site scripting in a field (Rempart's detector).")]
    public XssMatchConfig? XssMatch { get; init; }

    [ConfigDoc("The size of a field compared with a number of bytes.")]
    public SizeConstraintConfig? SizeConstraint { get; init; }

    [ConfigDoc("The client IP (or a forwarded IP) in a named set under ip_sets.")]
    public IpSetReferenceConfig? IpSet { get; init; }

    [ConfigDoc("The client's country (from geo.database) is one of these; also labels the request rempart:geo:country:XX.")]
    public GeoMatchConfig? GeoMatch { get; init; }

    [ConfigDoc("The client's autonomous system (from geo.asn_database) is one of these; also labels the request rempart:geo:asn:N.")]
    public AsnMatchConfig? AsnMatch { get; init; }

    [ConfigDoc("A label (or a label namespace) added by an earlier rule.")]
    public LabelMatchConfig? LabelMatch { get; init; }

    [ConfigDoc("More than limit requests per window for an aggregation key.")]
    public RateBasedConfig? RateBased { get; init; }

    [ConfigDoc("All of these statements match.")]
    public IReadOnlyList<StatementConfig>? And { get; init; }

    [ConfigDoc("At least one of these statements matches.")]
    public IReadOnlyList<StatementConfig>? Or { get; init; }

    [ConfigDoc("This statement does not match.")]
    public StatementConfig? Not { get; init; }

    [ConfigDoc("One of Rempart's managed rule groups, with per-rule overrides.")]
    public ManagedGroupConfig? ManagedGroup { get; init; }

    [ConfigDoc("A rule group defined under rule_groups.")]
    public RuleGroupReferenceConfig? RuleGroup { get; init; }

    [ConfigDoc("The OWASP Core Rule Set (v4) run by Rempart's SecLang engine, as a managed group (docs/crs.md).")]
    public CrsConfig? Crs { get; init; }

    [ConfigDoc("ModSecurity SecLang files run as they are, as a managed group (docs/crs.md).")]
    public SecLangFilesConfig? Seclang { get; init; }
}
