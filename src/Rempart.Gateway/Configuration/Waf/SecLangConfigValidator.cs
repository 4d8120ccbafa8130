using System.Globalization;
using Rempart.Gateway.Waf.SecLang;
using Rempart.SecLang.Parsing;

namespace Rempart.Gateway.Configuration.Waf;

/// <summary>
/// Checks crs: and seclang: statements: ranges, overrides, exclusion forms, the CRS folder; then loads the rule
/// set (through the shared cache, so the compile that follows reuses it) and turns a rule-file error into a config
/// error that names the rule file, its line and the directive.
/// </summary>
public static class SecLangConfigValidator
{
    public static void Validate(string path, StatementConfig statement, string baseDirectory, SourceMap map, List<ConfigError> errors)
    {
        var before = errors.Count;
        var key = statement.Crs is not null ? "crs" : "seclang";
        var at = $"{path}.{key}";
        SecLangGroupConfig group = statement.Crs is { } c ? c : statement.Seclang!;
        Common(at, group, map, errors);
        if (statement.Crs is { } crs)
        {
            Crs(at, crs, baseDirectory, map, errors);
        }
        else if (statement.Seclang is { Files.Count: 0 })
        {
            errors.Add(map.Error($"{at}.files", "no file is given", "list your ModSecurity files, e.g. files: [/etc/modsecurity/modsecurity.conf, /etc/modsecurity/rules/*.conf]"));
        }

        if (errors.Count > before)
        {
            return;
        }

        try
        {
            _ = SecLangRuleSetCache.GetOrLoad(SecLangGroupCompiler.Plan(statement, baseDirectory));
        }
        catch (SecLangParseException e)
        {
            var where = e.Line > 0 ? $"{e.File}:{e.Line.ToString(CultureInfo.InvariantCulture)}" : e.File;
            var fix = e.File == "overrides"
                ? "use the id of a rule the set loads (crs/942100 in `rempart waf test` output), or remove the override"
                : "fix or remove that directive; a rule file error stops the whole rule set from loading";
            errors.Add(map.Error(e.File == "overrides" ? $"{at}.overrides.{e.Directive}" : at, $"the rule set does not load: {where}: {e.Directive}: {e.Reason.TrimEnd('.')}", fix));
        }
    }

    private static void Common(string at, SecLangGroupConfig group, SourceMap map, List<ConfigError> errors)
    {
        foreach (var (id, change) in group.Overrides)
        {
            if (!int.TryParse(id, NumberStyles.None, CultureInfo.InvariantCulture, out var n) || n < 1)
            {
                errors.Add(map.Error($"{at}.overrides.{id}", $"'{id}' is not a rule id", "use the numeric id, e.g. \"942100\": count"));
            }

            if (change is RuleOverride.Allow or RuleOverride.Challenge)
            {
                errors.Add(map.Error($"{at}.overrides.{id}", $"{change.ToString().ToLowerInvariant()} is not an override for a SecLang rule", "use count, block or disable; to let a request through, exclude the rule (exclusions)"));
            }
        }

        if (group.ResponseBodyLimit.Bytes is < 0 or > 16L * 1024 * 1024)
        {
            errors.Add(map.Error($"{at}.response_body_limit", $"{group.ResponseBodyLimit} is outside 0 to 16MiB", "use e.g. 512KiB, or 0 to inspect no response body"));
        }

        for (var i = 0; i < group.ResponseBodyTypes.Count; i++)
        {
            if (!group.ResponseBodyTypes[i].Contains('/', StringComparison.Ordinal) || group.ResponseBodyTypes[i].Any(char.IsWhiteSpace))
            {
                errors.Add(map.Error($"{at}.response_body_types[{i}]", $"'{group.ResponseBodyTypes[i]}' is not a media type", "write e.g. text/html"));
            }
        }
    }

    private static void Crs(string at, CrsConfig crs, string baseDirectory, SourceMap map, List<ConfigError> errors)
    {
        var root = ConfigPaths.Resolve(baseDirectory, crs.Path);
        if (crs.Path.Length == 0 || !Directory.Exists(Path.Combine(root, "rules")))
        {
            errors.Add(map.Error($"{at}.path", $"'{crs.Path}' holds no rules/ folder", "point path at the CRS folder (Debian: apt install modsecurity-crs, then /usr/share/modsecurity-crs; or an unpacked coreruleset release)"));
        }
        else if (crs.SetupFile is null && SecLangLoadPlan.FindSetup(root) is null)
        {
            errors.Add(map.Error($"{at}.path", $"'{crs.Path}' has no crs-setup.conf or crs-setup.conf.example beside rules/", "copy crs-setup.conf.example there, or set setup_file (Debian: /etc/modsecurity/crs/crs-setup.conf)"));
        }

        if (crs.SetupFile is { } setup && !File.Exists(ConfigPaths.Resolve(baseDirectory, setup)))
        {
            errors.Add(map.Error($"{at}.setup_file", $"'{setup}' does not exist", "give the path of crs-setup.conf, or remove setup_file to use the one beside rules/"));
        }

        if (crs.ParanoiaLevel is < 1 or > 4)
        {
            errors.Add(map.Error($"{at}.paranoia_level", $"paranoia level {crs.ParanoiaLevel} is not 1 to 4", "start with 1; raise it once false positives are tuned"));
        }

        if (crs.DetectionParanoiaLevel is { } detection && (detection is < 1 or > 4 || detection < crs.ParanoiaLevel))
        {
            errors.Add(map.Error($"{at}.detection_paranoia_level", $"detection paranoia level {detection} is not between paranoia_level ({crs.ParanoiaLevel}) and 4", "use a level at least paranoia_level, or remove the key"));
        }

        if (crs.AnomalyThreshold < 1)
        {
            errors.Add(map.Error($"{at}.anomaly_threshold", "the threshold must be at least 1", "5 blocks on one critical match (CRS's default)"));
        }

        if (crs.OutboundAnomalyThreshold < 1)
        {
            errors.Add(map.Error($"{at}.outbound_anomaly_threshold", "the threshold must be at least 1", "4 is CRS's default"));
        }

        foreach (var name in crs.Variables.Keys)
        {
            if (name.Length == 0 || !name.All(ch => char.IsAsciiLetterOrDigit(ch) || ch is '_' or '.'))
            {
                errors.Add(map.Error($"{at}.variables.{name}", $"'{name}' is not a TX variable name", "use crs-setup.conf's names, e.g. allowed_methods"));
            }
        }

        for (var i = 0; i < crs.Exclusions.Count; i++)
        {
            Exclusion($"{at}.exclusions[{i}]", crs.Exclusions[i], map, errors);
        }
    }

    private static void Exclusion(string at, CrsExclusionConfig e, SourceMap map, List<ConfigError> errors)
    {
        var forms = (e.RemoveRules is null ? 0 : 1) + (e.RemoveTags is null ? 0 : 1) + (e.RemoveTargets is null ? 0 : 1) + (e.BeforeCrs is null ? 0 : 1) + (e.AfterCrs is null ? 0 : 1);
        if (forms != 1)
        {
            errors.Add(map.Error(at, "an exclusion has exactly one of remove_rules, remove_tags, remove_targets, before_crs, after_crs", "write one exclusion per list item, e.g. - remove_rules: [942100]"));
            return;
        }

        if (e.RemoveTargets is not null && (e.Rules?.Count ?? 0) + (e.Tags?.Count ?? 0) == 0)
        {
            errors.Add(map.Error(at, "remove_targets needs the rules or tags it applies to", "add rules: [942100] or tags: [attack-sqli]"));
        }

        if (e.RemoveTargets is null && (e.Rules is not null || e.Tags is not null))
        {
            errors.Add(map.Error(at, "rules and tags go with remove_targets", "to remove whole rules, use remove_rules or remove_tags"));
        }

        if (e.PathPrefix is not null && (e.BeforeCrs is not null || e.AfterCrs is not null))
        {
            errors.Add(map.Error($"{at}.path_prefix", "path_prefix applies to remove_rules, remove_tags and remove_targets", "write the condition into your SecLang rule instead"));
        }

        if (e.PathPrefix is { } prefix && (!prefix.StartsWith('/') || prefix.Any(char.IsWhiteSpace)))
        {
            errors.Add(map.Error($"{at}.path_prefix", $"'{prefix}' is not a path", "start it with /, e.g. /wp-admin/"));
        }

        foreach (var (list, name) in new[] { (e.RemoveRules, "remove_rules"), (e.Rules, "rules") })
        {
            for (var i = 0; i < (list?.Count ?? 0); i++)
            {
                if (!IsIdOrRange(list![i]))
                {
                    errors.Add(map.Error($"{at}.{name}[{i}]", $"'{list[i]}' is not a rule id or id range", "write 942100 or \"942100-942199\""));
                }
            }
        }

        foreach (var (list, name) in new[] { (e.RemoveTags, "remove_tags"), (e.Tags, "tags"), (e.RemoveTargets, "remove_targets") })
        {
            for (var i = 0; i < (list?.Count ?? 0); i++)
            {
                if (list![i].Length == 0 || list[i].Any(ch => char.IsWhiteSpace(ch) || ch is '"' or ','))
                {
                    errors.Add(map.Error($"{at}.{name}[{i}]", $"'{list[i]}' cannot be used here (empty, or holds a space, quote or comma)", name == "remove_targets" ? "write one target per item, e.g. ARGS:password" : "write one tag per item"));
                }
            }
        }
    }

    private static bool IsIdOrRange(string text)
    {
        var dash = text.IndexOf('-', StringComparison.Ordinal);
        return dash < 0
            ? int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out _)
            : int.TryParse(text.AsSpan(0, dash), NumberStyles.None, CultureInfo.InvariantCulture, out var from)
              && int.TryParse(text.AsSpan(dash + 1), NumberStyles.None, CultureInfo.InvariantCulture, out var to) && from <= to;
    }
}
