namespace Rempart.Gateway.Configuration.Waf;

/// <summary>
/// What the crs: and seclang: statements share: per-rule overrides by rule id, what happens to a body larger than
/// the web ACL's body_limit, and how much of which responses phases 3–4 see.
/// </summary>
public abstract record SecLangGroupConfig
{
    [ConfigDoc("Per-rule changes by SecLang rule id (e.g. \"942100\": count): count (matches and is logged, adds no anomaly score, never blocks), block (blocks at once when it matches) or disable (removed).")]
    public IReadOnlyDictionary<string, RuleOverride> Overrides { get; init; } = new Dictionary<string, RuleOverride>();

    [ConfigDoc("When the request body is larger than the web ACL's body_limit: continue (inspect the start, ModSecurity's ProcessPartial), match (block: fail closed) or no_match (skip the body rules' verdict and let it through).")]
    public OversizeHandling Oversize { get; init; } = OversizeHandling.Continue;

    [ConfigDoc("How much of a response body phase 4 inspects, for response_body_types only (0 turns response body inspection off). Responses are held until this much is read or they end; beyond it the rest streams (ProcessPartial).")]
    public ByteSize ResponseBodyLimit { get; init; } = new(512 * 1024);

    [ConfigDoc("Content types whose response bodies phase 4 inspects (SecResponseBodyMimeType).")]
    public IReadOnlyList<string> ResponseBodyTypes { get; init; } = ["text/plain", "text/html", "text/xml", "application/json"];

    [ConfigDoc("When inspection itself fails (a regex over its time limit, a body the processors cannot parse): block (fail closed, ModSecurity's recommended rules 200002–200005) or allow (fail open). Either way the request is labelled (rempart:crs:regex_timeout) and counted.")]
    public InspectionFailure OnError { get; init; } = InspectionFailure.Block;
}
