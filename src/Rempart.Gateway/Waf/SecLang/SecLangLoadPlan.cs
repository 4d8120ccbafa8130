using System.Globalization;
using System.Text;
using Rempart.Gateway.Configuration;
using Rempart.Gateway.Configuration.Waf;

namespace Rempart.Gateway.Waf.SecLang;

/// <summary>
/// What to load, in order, for a crs: or seclang: statement: generated SecLang text and files (globs allowed),
/// then the per-rule overrides. Built from config alone, so equal plans load equal rule sets and
/// <see cref="Key"/> identifies a load across reloads.
/// </summary>
public sealed class SecLangLoadPlan
{
    /// <summary>First id of the SecActions and ctl: rules Rempart writes (outside CRS's 900000–999999 and local 1–99999).</summary>
    public const int GeneratedIdBase = 9_700_000;

    private SecLangLoadPlan(string kind, IReadOnlyList<SecLangLoadStep> steps, IReadOnlyDictionary<int, RuleOverride> overrides)
    {
        Kind = kind;
        Steps = steps;
        Overrides = overrides;
        var key = new StringBuilder(kind).Append('\n');
        foreach (var step in steps)
        {
            key.Append(step.File is null ? "T" : "F").Append(step.Name).Append('\n').Append(step.Text).Append('\n');
        }

        foreach (var (id, change) in overrides.OrderBy(o => o.Key))
        {
            key.Append("O").Append(id).Append('=').Append(change).Append('\n');
        }

        Key = key.ToString();
    }

    /// <summary>crs or seclang: the label namespace (rempart:crs:rule:942100).</summary>
    public string Kind { get; }

    public IReadOnlyList<SecLangLoadStep> Steps { get; }

    public IReadOnlyDictionary<int, RuleOverride> Overrides { get; }

    public string Key { get; }

    /// <summary>The SecLang the CRS group runs with: ModSecurity's recommended engine settings, crs-setup, the settings, exclusions, rules.</summary>
    public static SecLangLoadPlan ForCrs(CrsConfig crs, string baseDirectory)
    {
        var root = ConfigPaths.Resolve(baseDirectory, crs.Path);
        var steps = new List<SecLangLoadStep> { SecLangLoadStep.Inline("rempart:crs-engine.conf", EngineSettings(crs, crs.Mode == SecLangEngineMode.DetectionOnly ? "DetectionOnly" : "On")) };
        var setup = crs.SetupFile is { } explicitSetup ? ConfigPaths.Resolve(baseDirectory, explicitSetup) : FindSetup(root);
        if (setup is not null)
        {
            steps.Add(SecLangLoadStep.FromFile(setup));
        }

        if (crs.AuditLog is { } audit)
        {
            steps.Add(SecLangLoadStep.Inline("rempart:crs-audit.conf", $"SecAuditEngine RelevantOnly\nSecAuditLogFormat JSON\nSecAuditLogParts {crs.AuditLogParts}\nSecAuditLog \"{Quote(ConfigPaths.Resolve(baseDirectory, audit))}\"\n"));
        }

        steps.Add(SecLangLoadStep.Inline("rempart:crs-setup.conf", SetupActions(crs)));
        var before = new StringBuilder();
        var after = new StringBuilder();
        var nextId = GeneratedIdBase + 100;
        foreach (var exclusion in crs.Exclusions)
        {
            if (exclusion.BeforeCrs is { } b)
            {
                before.Append(b).Append('\n');
            }

            if (exclusion.AfterCrs is { } a)
            {
                after.Append(a).Append('\n');
            }

            if (exclusion.PathPrefix is { } prefix)
            {
                var ctl = RuntimeControls(exclusion);
                if (ctl.Count > 0)
                {
                    before.Append(CultureInfo.InvariantCulture, $"SecRule REQUEST_FILENAME \"@beginsWith {Quote(prefix)}\" \"id:{nextId++},phase:1,pass,t:none,nolog,{string.Join(',', ctl)}\"\n");
                }
            }
            else
            {
                after.Append(ConfigureTimeExclusions(exclusion));
            }
        }

        if (before.Length > 0)
        {
            steps.Add(SecLangLoadStep.Inline("rempart:before-crs.conf", before.ToString()));
        }

        steps.Add(SecLangLoadStep.FromFile(Path.Combine(root, "rules", "*.conf")));
        if (after.Length > 0)
        {
            steps.Add(SecLangLoadStep.Inline("rempart:after-crs.conf", after.ToString()));
        }

        return new SecLangLoadPlan("crs", steps, ParseOverrides(crs.Overrides));
    }

    /// <summary>The operator's files as they are.</summary>
    public static SecLangLoadPlan ForFiles(SecLangFilesConfig files, string baseDirectory) =>
        new("seclang", files.Files.Select(f => SecLangLoadStep.FromFile(ConfigPaths.Resolve(baseDirectory, f))).ToArray(), ParseOverrides(files.Overrides));

    /// <summary>Where Debian's modsecurity-crs package keeps crs-setup.conf when /usr/share/modsecurity-crs has none.</summary>
    public const string DebianSetup = "/etc/modsecurity/crs/crs-setup.conf";

    /// <summary>
    /// crs-setup.conf, else crs-setup.conf.example, beside rules/ (a release tarball; Debian's layout as the issue
    /// describes it); for /usr/share/modsecurity-crs also Debian's /etc/modsecurity/crs/crs-setup.conf.
    /// </summary>
    public static string? FindSetup(string root)
    {
        foreach (var name in new[] { "crs-setup.conf", "crs-setup.conf.example" })
        {
            var candidate = Path.Combine(root, name);
            if (File.Exists(candidate))
            {
                return candidate;
            }
        }

        return Path.TrimEndingDirectorySeparator(root) == "/usr/share/modsecurity-crs" && File.Exists(DebianSetup) ? DebianSetup : null;
    }

    /// <summary>
    /// modsecurity.conf-recommended's settings, with the body limits left to the gateway (it hands the engine at
    /// most body_limit bytes and applies oversize itself) and the inspection-failure rules 200002–200005 always
    /// present: on_error decides in the gateway whether their verdict blocks.
    /// </summary>
    internal static string EngineSettings(SecLangGroupConfig group, string engine)
    {
        var types = string.Join(' ', group.ResponseBodyTypes);
        return $$"""
            SecRuleEngine {{engine}}
            SecRequestBodyAccess On
            SecRequestBodyLimit 1073741824
            SecRequestBodyNoFilesLimit 1073741824
            SecRequestBodyLimitAction ProcessPartial
            SecRequestBodyJsonDepthLimit 512
            SecArgumentsLimit 1000
            SecResponseBodyAccess {{(group.ResponseBodyLimit.Bytes > 0 ? "On" : "Off")}}
            SecResponseBodyMimeType {{(types.Length > 0 ? types : "text/plain")}}
            SecResponseBodyLimit {{Math.Max(1, group.ResponseBodyLimit.Bytes).ToString(CultureInfo.InvariantCulture)}}
            SecResponseBodyLimitAction ProcessPartial
            SecArgumentSeparator &
            SecCookieFormat 0
            SecRule REQUEST_HEADERS:Content-Type "@rx ^(?:application(?:/soap\+|/)|text/)xml" "id:200000,phase:1,t:none,t:lowercase,pass,nolog,ctl:requestBodyProcessor=XML"
            SecRule REQUEST_HEADERS:Content-Type "@rx ^application/json" "id:200001,phase:1,t:none,t:lowercase,pass,nolog,ctl:requestBodyProcessor=JSON"
            SecRule REQUEST_HEADERS:Content-Type "@rx ^application/[a-z0-9.-]+[+]json" "id:200006,phase:1,t:none,t:lowercase,pass,nolog,ctl:requestBodyProcessor=JSON"
            SecRule &ARGS "@ge 1000" "id:200007,phase:2,t:none,log,deny,status:400,msg:'Failed to fully parse request body due to large argument count',severity:2"
            SecRule REQBODY_ERROR "!@eq 0" "id:200002,phase:2,t:none,log,deny,status:400,msg:'Failed to parse request body.',logdata:'%{reqbody_error_msg}',severity:2"
            SecRule MULTIPART_STRICT_ERROR "!@eq 0" "id:200003,phase:2,t:none,log,deny,status:400,msg:'Multipart request body failed strict validation'"
            SecRule MULTIPART_UNMATCHED_BOUNDARY "@eq 1" "id:200004,phase:2,t:none,log,deny,msg:'Multipart parser detected a possible unmatched boundary.'"
            SecRule TX:/^MSC_/ "!@streq 0" "id:200005,phase:2,t:none,deny,msg:'ModSecurity internal error flagged: %{MATCHED_VAR_NAME}'"

            """;
    }

    /// <summary>The rule ids whose disruptive verdict means "inspection failed" rather than "attack".</summary>
    public static readonly IReadOnlySet<int> InspectionFailureRules = new HashSet<int> { 200002, 200003, 200004, 200005, 200007 };

    private static string SetupActions(CrsConfig crs)
    {
        var sb = new StringBuilder();
        var id = GeneratedIdBase;
        void Set(string name, string value) =>
            sb.Append(CultureInfo.InvariantCulture, $"SecAction \"id:{id++},phase:1,pass,t:none,nolog,setvar:'tx.{name}={value.Replace("'", "\\'", StringComparison.Ordinal)}'\"\n");
        Set("blocking_paranoia_level", crs.ParanoiaLevel.ToString(CultureInfo.InvariantCulture));
        Set("detection_paranoia_level", (crs.DetectionParanoiaLevel ?? crs.ParanoiaLevel).ToString(CultureInfo.InvariantCulture));
        Set("inbound_anomaly_score_threshold", crs.AnomalyThreshold.ToString(CultureInfo.InvariantCulture));
        Set("outbound_anomaly_score_threshold", crs.OutboundAnomalyThreshold.ToString(CultureInfo.InvariantCulture));
        foreach (var (name, value) in crs.Variables)
        {
            Set(name.StartsWith("tx.", StringComparison.OrdinalIgnoreCase) ? name[3..] : name, value);
        }

        return sb.ToString();
    }

    private static List<string> RuntimeControls(CrsExclusionConfig e)
    {
        var ctl = new List<string>();
        ctl.AddRange((e.RemoveRules ?? []).Select(r => $"ctl:ruleRemoveById={r}"));
        ctl.AddRange((e.RemoveTags ?? []).Select(t => $"ctl:ruleRemoveByTag={t}"));
        foreach (var target in e.RemoveTargets ?? [])
        {
            ctl.AddRange((e.Rules ?? []).Select(r => $"ctl:ruleRemoveTargetById={r};{target}"));
            ctl.AddRange((e.Tags ?? []).Select(t => $"ctl:ruleRemoveTargetByTag={t};{target}"));
        }

        return ctl;
    }

    private static string ConfigureTimeExclusions(CrsExclusionConfig e)
    {
        var sb = new StringBuilder();
        if (e.RemoveRules is { Count: > 0 } ids)
        {
            sb.Append("SecRuleRemoveById ").AppendJoin(' ', ids).Append('\n');
        }

        foreach (var tag in e.RemoveTags ?? [])
        {
            sb.Append("SecRuleRemoveByTag \"").Append(Quote(tag)).Append("\"\n");
        }

        foreach (var target in e.RemoveTargets ?? [])
        {
            foreach (var rule in e.Rules ?? [])
            {
                sb.Append("SecRuleUpdateTargetById ").Append(rule).Append(" \"!").Append(Quote(target)).Append("\"\n");
            }

            foreach (var tag in e.Tags ?? [])
            {
                sb.Append("SecRuleUpdateTargetByTag \"").Append(Quote(tag)).Append("\" \"!").Append(Quote(target)).Append("\"\n");
            }
        }

        return sb.ToString();
    }

    private static Dictionary<int, RuleOverride> ParseOverrides(IReadOnlyDictionary<string, RuleOverride> overrides)
    {
        var result = new Dictionary<int, RuleOverride>();
        foreach (var (id, change) in overrides)
        {
            if (int.TryParse(id, NumberStyles.None, CultureInfo.InvariantCulture, out var n))
            {
                result[n] = change;
            }
        }

        return result;
    }

    private static string Quote(string value) => value.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("\"", "\\\"", StringComparison.Ordinal);
}
