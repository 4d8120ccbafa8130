using System.Text.RegularExpressions;
using Rempart.Gateway.Waf.Managed;

namespace Rempart.Gateway.Configuration.Waf;

/// <summary>
/// Checks web ACLs, rule groups, IP sets, regex sets and response bodies: references resolve,
/// regexes compile, priorities and names are unique, each statement, field and action has exactly
/// one key, group statements stand at the top of a rule. Every problem is collected with its position.
/// </summary>
public static partial class WafConfigValidator
{
    public const int MaxBodyLimit = 1024 * 1024;

    public static void Validate(GatewayConfig config, SourceMap map, List<ConfigError> errors, string baseDirectory = ".")
    {
        var v = new Checker(config, map, errors, baseDirectory);
        foreach (var (name, cidrs) in config.IpSets)
        {
            for (var i = 0; i < cidrs.Count; i++)
            {
                if (!CidrParser.TryParse(cidrs[i], out _))
                {
                    errors.Add(map.Error($"ip_sets.{name}[{i}]", $"'{cidrs[i]}' is not an IP address or CIDR", "write 203.0.113.0/24 or 2001:db8::/32 (no host bits after the prefix)"));
                }
            }
        }

        foreach (var (name, patterns) in config.RegexSets)
        {
            for (var i = 0; i < patterns.Count; i++)
            {
                v.Regex($"regex_sets.{name}[{i}]", patterns[i]);
            }
        }

        foreach (var (name, acl) in config.WebAcls)
        {
            var path = $"web_acls.{name}";
            if (ConfigValidator.BuiltInWebAcls.Contains(name))
            {
                errors.Add(map.Error(path, $"'{name}' is a built-in web ACL name", "choose another name"));
            }

            if (acl.DefaultAction.Allow is null && acl.DefaultAction.Block is null || v.ActionKeys(acl.DefaultAction) != 1)
            {
                errors.Add(map.Error($"{path}.default_action", "the default action is allow or block", "write default_action: allow"));
            }

            if (acl.BodyLimit.Bytes is < 1 or > MaxBodyLimit)
            {
                errors.Add(map.Error($"{path}.body_limit", $"{acl.BodyLimit} is outside 1 byte to 1MiB", "use e.g. 16KiB, 64KiB or 1MiB"));
            }

            v.Action($"{path}.default_action", acl.DefaultAction);
            v.Rules(path, acl.Rules);
        }

        foreach (var (name, group) in config.RuleGroups)
        {
            v.Rules($"rule_groups.{name}", group.Rules);
        }
    }

    private sealed partial class Checker(GatewayConfig config, SourceMap map, List<ConfigError> errors, string baseDirectory)
    {
        public void Rules(string path, IReadOnlyList<RuleConfig> rules)
        {
            var names = new HashSet<string>(StringComparer.Ordinal);
            var priorities = new Dictionary<int, string>();
            for (var i = 0; i < rules.Count; i++)
            {
                var rule = rules[i];
                var rp = $"{path}.rules[{i}]";
                if (!names.Add(rule.Name))
                {
                    errors.Add(map.Error($"{rp}.name", $"rule name '{rule.Name}' is used twice", "give each rule its own name"));
                }

                if (priorities.TryGetValue(rule.Priority, out var other))
                {
                    errors.Add(map.Error($"{rp}.priority", $"priority {rule.Priority} is also rule '{other}''s", "give each rule its own priority"));
                }
                else
                {
                    priorities[rule.Priority] = rule.Name;
                }

                var isGroup = rule.Statement.ManagedGroup is not null || rule.Statement.RuleGroup is not null || rule.Statement.Crs is not null || rule.Statement.Seclang is not null;
                if (isGroup && rule.Action is not null)
                {
                    errors.Add(map.Error($"{rp}.action", "a rule group statement takes override_action, not action", "remove action; use override_action: count to only count"));
                }
                else if (!isGroup && rule.Action is null)
                {
                    errors.Add(map.Error(rp, "the rule has no action", "add action: block (or allow, count, challenge)"));
                }
                else if (rule.Action is not null)
                {
                    Action($"{rp}.action", rule.Action);
                }

                for (var l = 0; l < rule.Labels.Count; l++)
                {
                    Label($"{rp}.labels[{l}]", rule.Labels[l]);
                }

                Statement($"{rp}.statement", rule.Statement, topLevel: true);
            }
        }

        public int ActionKeys(ActionConfig a) =>
            (a.Allow is null ? 0 : 1) + (a.Block is null ? 0 : 1) + (a.Count is null ? 0 : 1) + (a.Challenge is null ? 0 : 1);

        public void Action(string path, ActionConfig action)
        {
            if (ActionKeys(action) != 1)
            {
                errors.Add(map.Error(path, "an action has exactly one of allow, block, count, challenge", "write e.g. action: block"));
                return;
            }

            if (action.Block is { } block)
            {
                if (block.Status is < 200 or > 599)
                {
                    errors.Add(map.Error($"{path}.block.status", $"{block.Status} is not an HTTP status", "use 403, 429 or another status from 200 to 599"));
                }

                if (block.Response is { } body && !config.ResponseBodies.ContainsKey(body))
                {
                    errors.Add(map.Error($"{path}.block.response", $"response body '{body}' is not defined", Suggestions.DidYouMean(body, config.ResponseBodies.Keys)));
                }
            }

            if (action.Challenge is { Difficulty: < 1 or > 28 })
            {
                errors.Add(map.Error($"{path}.challenge.difficulty", "difficulty is 1 to 28 bits", "16 takes a browser well under a second"));
            }
        }

        public void Statement(string path, StatementConfig s, bool topLevel)
        {
            var keys = new (string Name, object? Value)[]
            {
                ("byte_match", s.ByteMatch), ("regex_match", s.RegexMatch), ("regex_set", s.RegexSet), ("sqli_match", s.SqliMatch),
                ("xss_match", s.XssMatch), ("size_constraint", s.SizeConstraint), ("ip_set", s.IpSet), ("label_match", s.LabelMatch),
                ("geo_match", s.GeoMatch), ("asn_match", s.AsnMatch),
                ("rate_based", s.RateBased), ("and", s.And), ("or", s.Or), ("not", s.Not), ("managed_group", s.ManagedGroup), ("rule_group", s.RuleGroup),
                ("crs", s.Crs), ("seclang", s.Seclang),
            }.Where(k => k.Value is not null).ToList();
            if (keys.Count != 1)
            {
                errors.Add(map.Error(path, keys.Count == 0 ? "the statement is empty" : $"a statement has one key, found {string.Join(", ", keys.Select(k => k.Name))}", "nest several conditions under and: [...] or or: [...]"));
                return;
            }

            if (!topLevel && (s.ManagedGroup is not null || s.RuleGroup is not null || s.Crs is not null || s.Seclang is not null))
            {
                errors.Add(map.Error(path, "a rule group can only be a rule's whole statement", "move it into a rule of its own"));
            }

            if (s.ByteMatch is { } bm)
            {
                Field($"{path}.byte_match.field", bm.Field);
                var n = new[] { bm.Exactly, bm.StartsWith, bm.EndsWith, bm.Contains, bm.ContainsWord }.Count(x => x is not null);
                if (n != 1)
                {
                    errors.Add(map.Error($"{path}.byte_match", "a byte match has one of exactly, starts_with, ends_with, contains, contains_word", "write e.g. contains: \"/admin\""));
                }
            }

            if (s.RegexMatch is { } rm)
            {
                Field($"{path}.regex_match.field", rm.Field);
                Regex($"{path}.regex_match.pattern", rm.Pattern);
            }

            if (s.RegexSet is { } rs)
            {
                Field($"{path}.regex_set.field", rs.Field);
                if (!config.RegexSets.ContainsKey(rs.Set))
                {
                    errors.Add(map.Error($"{path}.regex_set.set", $"regex set '{rs.Set}' is not defined", Suggestions.DidYouMean(rs.Set, config.RegexSets.Keys)));
                }
            }

            if (s.SqliMatch is { } sq)
            {
                Field($"{path}.sqli_match.field", sq.Field);
            }

            if (s.XssMatch is { } xs)
            {
                Field($"{path}.xss_match.field", xs.Field);
            }

            if (s.SizeConstraint is { } sc)
            {
                Field($"{path}.size_constraint.field", sc.Field);
            }

            if (s.IpSet is { } ip && !config.IpSets.ContainsKey(ip.Name))
            {
                var reputation = config.Automations.ReputationLists.Sources.Select(r => Gateway.Waf.IpSets.RuntimeIpSets.ReputationSourceSet(r.Name)).Prepend(Gateway.Waf.IpSets.RuntimeIpSets.ReputationSet).ToList();
                if (!reputation.Contains(ip.Name))
                {
                    errors.Add(map.Error($"{path}.ip_set", $"IP set '{ip.Name}' is not defined", Suggestions.DidYouMean(ip.Name, config.IpSets.Keys.Concat(reputation))));
                }
            }

            if (s.GeoMatch is { } geo)
            {
                if (config.Geo.Database is null)
                {
                    errors.Add(map.Error($"{path}.geo_match", "geo_match needs a country database", "set geo.database to an mmdb file (GeoLite2-Country, DB-IP Country …)"));
                }

                for (var i = 0; i < geo.CountryCodes.Count; i++)
                {
                    if (geo.CountryCodes[i].Length != 2 || !geo.CountryCodes[i].All(char.IsAsciiLetterUpper))
                    {
                        errors.Add(map.Error($"{path}.geo_match.country_codes[{i}]", $"'{geo.CountryCodes[i]}' is not an ISO 3166-1 alpha-2 code", "write two capital letters, e.g. FR"));
                    }
                }
            }

            if (s.AsnMatch is { } asn)
            {
                if (config.Geo.AsnDatabase is null && config.Geo.Database is null)
                {
                    errors.Add(map.Error($"{path}.asn_match", "asn_match needs an ASN database", "set geo.asn_database to an mmdb file (GeoLite2-ASN, DB-IP ASN …)"));
                }

                for (var i = 0; i < asn.Asns.Count; i++)
                {
                    if (asn.Asns[i] is < 1 or > uint.MaxValue)
                    {
                        errors.Add(map.Error($"{path}.asn_match.asns[{i}]", $"{asn.Asns[i]} is not an AS number", "use 1 to 4294967295"));
                    }
                }
            }

            if (s.LabelMatch is { } lm)
            {
                Label($"{path}.label_match.key", lm.Key);
            }

            if (s.RateBased is { } rb)
            {
                RateBased($"{path}.rate_based", rb);
            }

            foreach (var (list, name) in new[] { (s.And, "and"), (s.Or, "or") })
            {
                if (list is null)
                {
                    continue;
                }

                if (list.Count < 2)
                {
                    errors.Add(map.Error($"{path}.{name}", $"'{name}' needs at least two statements", "use the statement alone"));
                }

                for (var i = 0; i < list.Count; i++)
                {
                    Statement($"{path}.{name}[{i}]", list[i], topLevel: false);
                }
            }

            if (s.Not is { } not)
            {
                Statement($"{path}.not", not, topLevel: false);
            }

            if (s.ManagedGroup is { } mg)
            {
                if (ManagedRuleCatalog.Find(mg.Name) is not { } group)
                {
                    errors.Add(map.Error($"{path}.managed_group.name", $"managed rule group '{mg.Name}' does not exist", Suggestions.DidYouMean(mg.Name, ManagedRuleCatalog.Names)));
                }
                else
                {
                    Overrides($"{path}.managed_group.overrides", mg.Overrides, group.Rules.Select(r => r.Name));
                }
            }

            if (s.Crs is not null || s.Seclang is not null)
            {
                SecLangConfigValidator.Validate(path, s, baseDirectory, map, errors);
            }

            if (s.RuleGroup is { } rg)
            {
                if (!config.RuleGroups.TryGetValue(rg.Name, out var group))
                {
                    errors.Add(map.Error($"{path}.rule_group", $"rule group '{rg.Name}' is not defined", Suggestions.DidYouMean(rg.Name, config.RuleGroups.Keys)));
                }
                else
                {
                    Overrides($"{path}.rule_group.overrides", rg.Overrides, group.Rules.Select(r => r.Name));
                }
            }
        }

        private void Overrides(string path, IReadOnlyDictionary<string, RuleOverride> overrides, IEnumerable<string> ruleNames)
        {
            var known = ruleNames.ToList();
            foreach (var name in overrides.Keys.Where(n => !known.Contains(n)))
            {
                errors.Add(map.Error($"{path}.{name}", $"the group has no rule '{name}'", Suggestions.DidYouMean(name, known)));
            }
        }

        private void RateBased(string path, RateBasedConfig rb)
        {
            if (rb.Limit < 1)
            {
                errors.Add(map.Error($"{path}.limit", "the limit must be at least 1", "write e.g. limit: 100"));
            }

            if (rb.Window < TimeSpan.FromMinutes(1) || rb.Window > TimeSpan.FromMinutes(10))
            {
                errors.Add(map.Error($"{path}.window", $"the window {Duration.Format(rb.Window)} is outside 1m to 10m", "use 1m, 2m, 5m or 10m"));
            }

            if (rb.Keys.Count > 5)
            {
                errors.Add(map.Error($"{path}.keys", "at most 5 aggregation keys", "drop some keys"));
            }

            for (var i = 0; i < rb.Keys.Count; i++)
            {
                var k = rb.Keys[i];
                var n = (k.Ip ? 1 : 0) + (k.ForwardedIp ? 1 : 0) + (k.Constant ? 1 : 0) + (k.QueryString ? 1 : 0) + (k.Method ? 1 : 0) + (k.UriPath ? 1 : 0)
                    + (k.Header is null ? 0 : 1) + (k.Cookie is null ? 0 : 1) + (k.QueryArgument is null ? 0 : 1) + (k.LabelNamespace is null ? 0 : 1);
                if (n != 1)
                {
                    errors.Add(map.Error($"{path}.keys[{i}]", "a key has exactly one form", "write ip, or { header: X-Api-Key }"));
                }
            }

            if (rb.ScopeDown is { } scope)
            {
                Statement($"{path}.scope_down", scope, topLevel: false);
            }
        }

        private void Field(string path, FieldToMatchConfig f)
        {
            var n = (f.UriPath ? 1 : 0) + (f.QueryString ? 1 : 0) + (f.AllQueryArguments is null ? 0 : 1) + (f.SingleQueryArgument is null ? 0 : 1)
                + (f.SingleHeader is null ? 0 : 1) + (f.Headers is null ? 0 : 1) + (f.Cookies is null ? 0 : 1) + (f.Method ? 1 : 0)
                + (f.Body is null ? 0 : 1) + (f.JsonBody is null ? 0 : 1) + (f.Form is null ? 0 : 1) + (f.HeaderOrder ? 1 : 0)
                + (f.Ja3Fingerprint ? 1 : 0) + (f.Ja4Fingerprint ? 1 : 0);
            if (n != 1)
            {
                errors.Add(map.Error(path, "a field has exactly one form", "write e.g. field: query_string or field: { single_header: user-agent }"));
            }

            if (f.JsonBody is { } json)
            {
                for (var i = 0; i < json.Paths.Count; i++)
                {
                    if (json.Paths[i].Length > 0 && !json.Paths[i].StartsWith('/'))
                    {
                        errors.Add(map.Error($"{path}.json_body.paths[{i}]", $"'{json.Paths[i]}' is not a JSON Pointer", "start it with /, e.g. /user/name"));
                    }
                }
            }
        }

        public void Regex(string path, string pattern)
        {
            try
            {
                _ = new Regex(pattern, RegexOptions.CultureInvariant, TimeSpan.FromSeconds(1));
            }
            catch (ArgumentException e)
            {
                errors.Add(map.Error(path, $"the regular expression does not compile: {e.Message.TrimEnd('.')}", "fix the pattern (.NET syntax; escape \\ as \\\\ inside double quotes)"));
            }
        }

        private void Label(string path, string label)
        {
            if (!LabelSyntax().IsMatch(label))
            {
                errors.Add(map.Error(path, $"'{label}' is not a label", "labels are words of letters, digits, _ and - separated by ':' (e.g. app:login-flood)"));
            }
        }

        [GeneratedRegex(@"^[A-Za-z0-9_\-]+(:[A-Za-z0-9_\-]+)*$")]
        private static partial Regex LabelSyntax();
    }
}
