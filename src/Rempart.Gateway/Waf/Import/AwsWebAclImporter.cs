using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Rempart.Gateway.Waf.Import;

/// <summary>
/// Turns an AWS WAF v2 web ACL (the JSON `aws wafv2 get-web-acl` prints) into Rempart YAML. Every
/// statement type Rempart has maps one to one; what cannot map (AWS managed groups, CAPTCHA, geo
/// match needs the operator's mmdb files, AWS label namespaces) is reported line by line and either
/// replaced by the nearest Rempart equivalent or left out with a comment in the YAML.
/// </summary>
public sealed class AwsWebAclImporter
{
    private static readonly Dictionary<string, string> ManagedGroups = new(StringComparer.Ordinal)
    {
        ["AWSManagedRulesCommonRuleSet"] = "core",
        ["AWSManagedRulesKnownBadInputsRuleSet"] = "known_bad_inputs",
        ["AWSManagedRulesSQLiRuleSet"] = "sql_database",
        ["AWSManagedRulesLinuxRuleSet"] = "linux",
        ["AWSManagedRulesUnixRuleSet"] = "unix",
        ["AWSManagedRulesWindowsRuleSet"] = "windows",
        ["AWSManagedRulesPHPRuleSet"] = "php",
        ["AWSManagedRulesBotControlRuleSet"] = "bad_bots",
    };

    private readonly List<string> _report = [];
    private readonly SortedSet<string> _ipSets = new(StringComparer.Ordinal);
    private readonly SortedSet<string> _regexSets = new(StringComparer.Ordinal);
    private readonly SortedSet<string> _ruleGroups = new(StringComparer.Ordinal);
    private bool _needsGeo;

    public IReadOnlyList<string> Report => _report;

    public string Convert(string json)
    {
        var root = JsonNode.Parse(json) ?? throw new FormatException("empty JSON");
        var acl = root["WebACL"] ?? root;
        var name = Slug(acl["Name"]?.GetValue<string>() ?? "imported");
        var yaml = new StringBuilder();
        yaml.AppendLine("# Imported from an AWS WAF v2 web ACL by `rempart waf import`. Review the notes below.");
        yaml.AppendLine("web_acls:");
        yaml.AppendLine($"  {name}:");
        yaml.AppendLine($"    default_action: {(acl["DefaultAction"]?["Block"] is not null ? "block" : "allow")}");
        yaml.AppendLine("    rules:");
        var rules = acl["Rules"]?.AsArray() ?? [];
        if (rules.Count == 0)
        {
            yaml.AppendLine("      []");
        }

        foreach (var rule in rules)
        {
            yaml.Append(ConvertRule(rule!));
        }

        var bodies = acl["CustomResponseBodies"]?.AsObject();
        if (bodies is { Count: > 0 })
        {
            yaml.AppendLine("response_bodies:");
            foreach (var (key, value) in bodies)
            {
                var type = value?["ContentType"]?.GetValue<string>() switch
                {
                    "APPLICATION_JSON" => "application/json",
                    "TEXT_PLAIN" => "text/plain",
                    _ => "text/html; charset=utf-8",
                };
                yaml.AppendLine($"  {Slug(key)}: {{ content_type: {Q(type)}, content: {Q(value?["Content"]?.GetValue<string>() ?? "")} }}");
            }
        }

        if (_needsGeo)
        {
            yaml.AppendLine("geo: { database: GeoLite2-Country.mmdb, asn_database: GeoLite2-ASN.mmdb }   # point these at your mmdb files");
            _report.Add("geo/ASN rules need MaxMind-format databases: set geo.database and geo.asn_database to your .mmdb files");
        }

        Placeholders(yaml, "ip_sets", _ipSets, "the CIDRs of the AWS IP set");
        Placeholders(yaml, "regex_sets", _regexSets, "the patterns of the AWS regex pattern set");
        foreach (var g in _ruleGroups)
        {
            _report.Add($"rule group '{g}' is referenced: define it under rule_groups (AWS rule groups are separate resources)");
        }

        if (_report.Count > 0)
        {
            yaml.AppendLine("# Import notes:");
            foreach (var line in _report)
            {
                yaml.AppendLine($"#  - {line}");
            }
        }

        return yaml.ToString();
    }

    private string ConvertRule(JsonNode rule)
    {
        var name = rule["Name"]?.GetValue<string>() ?? "rule";
        var priority = rule["Priority"]?.GetValue<int>() ?? 0;
        var sb = new StringBuilder();
        JsonNode? statement;
        try
        {
            statement = Statement(rule["Statement"]!, name, topLevel: true);
        }
        catch (NotSupportedException e)
        {
            _report.Add($"rule '{name}' left out: {e.Message}");
            return $"      # rule '{name}' (priority {priority}) left out: {e.Message}\n";
        }

        sb.AppendLine($"      - name: {Q(name)}");
        sb.AppendLine($"        priority: {priority}");
        sb.AppendLine($"        statement: {statement!.ToJsonString()}");
        var isGroup = statement["managed_group"] is not null || statement["rule_group"] is not null;
        if (isGroup)
        {
            sb.AppendLine($"        override_action: {(rule["OverrideAction"]?["Count"] is not null ? "count" : "none")}");
        }
        else
        {
            sb.AppendLine($"        action: {Action(rule["Action"], name).ToJsonString()}");
        }

        var labels = rule["RuleLabels"]?.AsArray().Select(l => l?["Name"]?.GetValue<string>()).Where(l => l is not null).ToList();
        if (labels is { Count: > 0 })
        {
            sb.AppendLine($"        labels: {new JsonArray(labels.Select(l => (JsonNode)JsonValue.Create(l)!).ToArray()).ToJsonString()}");
        }

        if (rule["VisibilityConfig"] is { } v)
        {
            sb.AppendLine($"        visibility: {{ metrics: {B(v["CloudWatchMetricsEnabled"])}, sampled_requests: {B(v["SampledRequestsEnabled"])} }}");
        }

        return sb.ToString();
    }

    private JsonNode Action(JsonNode? action, string rule)
    {
        if (action?["Block"] is { } block)
        {
            if (block["CustomResponse"] is not { } custom)
            {
                return "block";
            }

            var b = new JsonObject { ["status"] = custom["ResponseCode"]?.GetValue<int>() ?? 403 };
            if (custom["CustomResponseBodyKey"]?.GetValue<string>() is { } key)
            {
                b["response"] = Slug(key);
            }

            if (custom["ResponseHeaders"]?.AsArray() is { Count: > 0 } headers)
            {
                b["headers"] = new JsonObject(headers.Select(h => KeyValuePair.Create(h!["Name"]!.GetValue<string>(), (JsonNode?)h["Value"]!.GetValue<string>())));
            }

            return new JsonObject { ["block"] = b };
        }

        if (action?["Allow"] is { } allow)
        {
            if (allow["CustomRequestHandling"]?["InsertHeaders"]?.AsArray() is { Count: > 0 } insert)
            {
                _report.Add($"rule '{rule}': inserted headers keep their names; AWS prefixes them with x-amzn-waf-, so add that prefix if the origin expects it");
                return new JsonObject { ["allow"] = new JsonObject { ["insert_headers"] = new JsonObject(insert.Select(h => KeyValuePair.Create(h!["Name"]!.GetValue<string>(), (JsonNode?)h["Value"]!.GetValue<string>()))) } };
            }

            return "allow";
        }

        if (action?["Captcha"] is not null)
        {
            _report.Add($"rule '{rule}': CAPTCHA has no Rempart equivalent; replaced by challenge (a silent proof-of-work page)");
            return "challenge";
        }

        return action?["Challenge"] is not null ? "challenge" : "count";
    }

    private JsonObject Statement(JsonNode s, string rule, bool topLevel)
    {
        var (type, bodyNode) = s.AsObject().First();
        var body = bodyNode ?? new JsonObject();
        JsonObject Wrap(string key, JsonNode value) => new() { [key] = value };
        switch (type)
        {
            case "ByteMatchStatement":
                var search = SearchString(body!["SearchString"]?.GetValue<string>() ?? "", rule);
                var position = body["PositionalConstraint"]?.GetValue<string>()?.ToLowerInvariant() ?? "contains";
                var bm = Field(body, rule);
                bm[position] = search;
                return Wrap("byte_match", bm);
            case "RegexMatchStatement":
                var rm = Field(body!, rule);
                rm["pattern"] = body["RegexString"]?.GetValue<string>();
                return Wrap("regex_match", rm);
            case "RegexPatternSetReferenceStatement":
                var rs = Field(body!, rule);
                var setName = ArnName(body["ARN"]?.GetValue<string>(), "regexpatternset");
                _regexSets.Add(setName);
                rs["set"] = setName;
                return Wrap("regex_set", rs);
            case "SqliMatchStatement":
                var sq = Field(body!, rule);
                sq["sensitivity"] = body["SensitivityLevel"]?.GetValue<string>() == "HIGH" ? "high" : "low";
                return Wrap("sqli_match", sq);
            case "XssMatchStatement":
                return Wrap("xss_match", Field(body!, rule));
            case "SizeConstraintStatement":
                var sc = Field(body!, rule);
                sc["comparison"] = body["ComparisonOperator"]?.GetValue<string>()?.ToLowerInvariant();
                sc["size"] = body["Size"]?.GetValue<long>();
                return Wrap("size_constraint", sc);
            case "IPSetReferenceStatement":
                var ipName = ArnName(body!["ARN"]?.GetValue<string>(), "ipset");
                _ipSets.Add(ipName);
                if (body["IPSetForwardedIPConfig"] is { } fwd)
                {
                    return Wrap("ip_set", new JsonObject { ["name"] = ipName, ["forwarded_ip"] = Forwarded(fwd, withPosition: true) });
                }

                return Wrap("ip_set", ipName);
            case "LabelMatchStatement":
                var key = body!["Key"]?.GetValue<string>() ?? "";
                if (key.StartsWith("awswaf:", StringComparison.Ordinal))
                {
                    _report.Add($"rule '{rule}': label '{key}' comes from AWS; Rempart's managed rules label rempart:managed:<group>:<class> — adjust the key");
                }

                return Wrap("label_match", new JsonObject { ["scope"] = body["Scope"]?.GetValue<string>() == "NAMESPACE" ? "namespace" : "label", ["key"] = key });
            case "RateBasedStatement":
                return Wrap("rate_based", RateBased(body!, rule));
            case "AndStatement" or "OrStatement":
                var list = new JsonArray(body!["Statements"]!.AsArray().Select(x => (JsonNode)Statement(x!, rule, false)).ToArray());
                return Wrap(type == "AndStatement" ? "and" : "or", list);
            case "NotStatement":
                return Wrap("not", Statement(body!["Statement"]!, rule, false));
            case "ManagedRuleGroupStatement":
                var group = body!["Name"]?.GetValue<string>() ?? "";
                if (!ManagedGroups.TryGetValue(group, out var ours))
                {
                    throw new NotSupportedException($"AWS managed group {group} has no Rempart counterpart (reputation and anonymous-IP lists are Rempart automations)");
                }

                _report.Add($"rule '{rule}': AWS {group} replaced by Rempart's managed group '{ours}'; its rule names differ, so per-rule overrides and exclusions were not carried over");
                return Wrap("managed_group", new JsonObject { ["name"] = ours });
            case "RuleGroupReferenceStatement":
                var rg = ArnName(body!["ARN"]?.GetValue<string>(), "rulegroup");
                _ruleGroups.Add(rg);
                return Wrap("rule_group", rg);
            case "GeoMatchStatement":
                _needsGeo = true;
                var geo = new JsonObject { ["country_codes"] = body["CountryCodes"]?.DeepClone() ?? new JsonArray() };
                if (body["ForwardedIPConfig"] is { } geoFwd)
                {
                    geo["forwarded_ip"] = Forwarded(geoFwd, withPosition: false);
                }

                return Wrap("geo_match", geo);
            case "AsnMatchStatement":
                _needsGeo = true;
                var asn = new JsonObject { ["asns"] = body["AsnList"]?.DeepClone() ?? new JsonArray() };
                if (body["ForwardedIPConfig"] is { } asnFwd)
                {
                    asn["forwarded_ip"] = Forwarded(asnFwd, withPosition: false);
                }

                return Wrap("asn_match", asn);
            default:
                throw new NotSupportedException($"{type} is not known to Rempart");
        }
    }

    private JsonObject RateBased(JsonNode body, string rule)
    {
        var seconds = body["EvaluationWindowSec"]?.GetValue<int>() ?? 300;
        var rb = new JsonObject { ["limit"] = body["Limit"]?.GetValue<long>(), ["window"] = $"{Math.Max(1, seconds / 60)}m" };
        var keys = new JsonArray();
        switch (body["AggregateKeyType"]?.GetValue<string>())
        {
            case "FORWARDED_IP":
                keys.Add("forwarded_ip");
                break;
            case "CONSTANT":
                keys.Add("constant");
                break;
            case "CUSTOM_KEYS":
                foreach (var k in body["CustomKeys"]?.AsArray() ?? [])
                {
                    var (kind, value) = k!.AsObject().First();
                    if (value?["TextTransformations"] is JsonArray transforms && transforms.Any(t => t?["Type"]?.GetValue<string>() is not (null or "NONE")))
                    {
                        _report.Add($"rule '{rule}': transformations on rate keys are not supported; the key uses the raw value");
                    }

                    keys.Add(kind switch
                    {
                        "IP" => "ip",
                        "ForwardedIP" => "forwarded_ip",
                        "HTTPMethod" => "method",
                        "QueryString" => "query_string",
                        "UriPath" => "uri_path",
                        "Header" => new JsonObject { ["header"] = value!["Name"]!.GetValue<string>() },
                        "Cookie" => new JsonObject { ["cookie"] = value!["Name"]!.GetValue<string>() },
                        "QueryArgument" => new JsonObject { ["query_argument"] = value!["Name"]!.GetValue<string>() },
                        "LabelNamespace" => new JsonObject { ["label_namespace"] = value!["Namespace"]!.GetValue<string>() },
                        _ => throw new NotSupportedException($"rate key {kind} is not known to Rempart"),
                    });
                }

                break;
            default:
                keys.Add("ip");
                break;
        }

        rb["keys"] = keys;
        if (body["ScopeDownStatement"] is { } scope)
        {
            rb["scope_down"] = Statement(scope, rule, false);
        }

        if (body["ForwardedIPConfig"] is { } fwd)
        {
            rb["forwarded_ip"] = Forwarded(fwd, withPosition: false);
        }

        return rb;
    }

    private JsonObject Field(JsonNode body, string rule)
    {
        var f = body["FieldToMatch"]!.AsObject().First();
        JsonNode field = f.Key switch
        {
            "UriPath" => "uri_path",
            "QueryString" => "query_string",
            "Method" => "method",
            "AllQueryArguments" => "all_query_arguments",
            "SingleHeader" => new JsonObject { ["single_header"] = f.Value!["Name"]!.GetValue<string>() },
            "SingleQueryArgument" => new JsonObject { ["single_query_argument"] = f.Value!["Name"]!.GetValue<string>() },
            "Body" => new JsonObject { ["body"] = new JsonObject { ["oversize"] = Oversize(f.Value) } },
            "JsonBody" => new JsonObject { ["json_body"] = JsonBody(f.Value!) },
            "Headers" => new JsonObject { ["headers"] = Scope(f.Value!, "IncludedHeaders", "ExcludedHeaders") },
            "Cookies" => new JsonObject { ["cookies"] = Scope(f.Value!, "IncludedCookies", "ExcludedCookies") },
            "HeaderOrder" => "header_order",
            "JA3Fingerprint" => "ja3_fingerprint",
            "JA4Fingerprint" => "ja4_fingerprint",
            _ => throw new NotSupportedException($"field {f.Key} is not known to Rempart"),
        };
        var transforms = new JsonArray((body["TextTransformations"]?.AsArray() ?? [])
            .OrderBy(t => t!["Priority"]?.GetValue<int>() ?? 0)
            .Select(t => (JsonNode)t!["Type"]!.GetValue<string>().ToLowerInvariant())
            .Where(t => t.GetValue<string>() != "none")
            .ToArray());
        return new JsonObject { ["field"] = field, ["transforms"] = transforms };
    }

    private static JsonObject Scope(JsonNode value, string included, string excluded)
    {
        var scope = new JsonObject { ["match_scope"] = value["MatchScope"]?.GetValue<string>()?.ToLowerInvariant() ?? "all", ["oversize"] = Oversize(value) };
        var pattern = value["MatchPattern"];
        if (pattern?[included] is JsonArray inc)
        {
            scope["include"] = inc.DeepClone();
        }

        if (pattern?[excluded] is JsonArray exc)
        {
            scope["exclude"] = exc.DeepClone();
        }

        return scope;
    }

    private static JsonObject JsonBody(JsonNode value)
    {
        var json = new JsonObject
        {
            ["match_scope"] = value["MatchScope"]?.GetValue<string>()?.ToLowerInvariant() ?? "value",
            ["invalid_fallback"] = value["InvalidFallbackBehavior"]?.GetValue<string>()?.ToLowerInvariant() ?? "evaluate_as_string",
            ["oversize"] = Oversize(value),
        };
        if (value["MatchPattern"]?["IncludedPaths"] is JsonArray paths)
        {
            json["paths"] = paths.DeepClone();
        }

        return json;
    }

    private static string Oversize(JsonNode? value) => value?["OversizeHandling"]?.GetValue<string>()?.ToLowerInvariant() ?? "continue";

    private static JsonObject Forwarded(JsonNode fwd, bool withPosition)
    {
        var f = new JsonObject
        {
            ["header"] = fwd["HeaderName"]?.GetValue<string>() ?? "X-Forwarded-For",
            ["fallback"] = fwd["FallbackBehavior"]?.GetValue<string>() == "MATCH" ? "match" : "no_match",
        };
        if (withPosition)
        {
            f["position"] = fwd["Position"]?.GetValue<string>()?.ToLowerInvariant() ?? "first";
        }

        return f;
    }

    /// <summary>The AWS CLI prints blobs (SearchString) in base64; plain text is kept as it is.</summary>
    private string SearchString(string value, string rule)
    {
        if (value.Length >= 4 && value.Length % 4 == 0 && value.All(c => char.IsAsciiLetterOrDigit(c) || c is '+' or '/' or '='))
        {
            try
            {
                var decoded = Encoding.UTF8.GetString(System.Convert.FromBase64String(value));
                if (decoded.All(c => !char.IsControl(c)))
                {
                    _report.Add($"rule '{rule}': search string {value} read as base64 (as the AWS CLI prints it): \"{decoded}\"");
                    return decoded;
                }
            }
            catch (FormatException)
            {
            }
        }

        return value;
    }

    private static string ArnName(string? arn, string kind)
    {
        // arn:aws:wafv2:region:account:scope/ipset/NAME/ID
        var parts = (arn ?? "").Split('/');
        var i = Array.IndexOf(parts, kind);
        return Slug(i >= 0 && i + 1 < parts.Length ? parts[i + 1] : parts.LastOrDefault() ?? kind);
    }

    private static void Placeholders(StringBuilder yaml, string section, SortedSet<string> names, string what)
    {
        if (names.Count == 0)
        {
            return;
        }

        yaml.AppendLine($"{section}:");
        foreach (var n in names)
        {
            yaml.AppendLine($"  {n}: []   # fill in {what} {n}");
        }
    }

    private static string Slug(string name) => new(name.Select(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_' ? c : '-').ToArray());

    private static string Q(string s) => JsonSerializer.Serialize(s);

    private static string B(JsonNode? node) => node?.GetValue<bool>() == false ? "false" : "true";
}
