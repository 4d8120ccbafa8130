using Rempart.Gateway.Automations;
using Rempart.Gateway.Decisions;

namespace Rempart.Gateway.Configuration.Automations;

/// <summary>
/// Checks the <c>automations:</c> section: thresholds in range, durations, actions, list entries that
/// a decision could hold, list sources that name exactly one of url/file and a known format.
/// </summary>
public static class AutomationsConfigValidator
{
    public static readonly IReadOnlySet<string> ListFormats = new HashSet<string> { "spamhaus_drop", "tor_exit_addresses", "emerging_threats", "cidr" };

    public static void Validate(GatewayConfig config, SourceMap map, List<ConfigError> errors)
    {
        var a = config.Automations;
        var d = a.Decisions;
        Range(map, errors, "automations.decisions.max_active", d.MaxActive, 1, 10_000_000);
        Range(map, errors, "automations.decisions.min_prefix_v4", d.MinPrefixV4, 1, 32);
        Range(map, errors, "automations.decisions.min_prefix_v6", d.MinPrefixV6, 1, 128);
        Range(map, errors, "automations.decisions.throttle_per_minute", d.ThrottlePerMinute, 1, 1_000_000);
        Range(map, errors, "automations.decisions.challenge_difficulty", d.ChallengeDifficulty, 1, 28);
        if (d.ChallengeImmunity <= TimeSpan.Zero)
        {
            errors.Add(map.Error("automations.decisions.challenge_immunity", "the challenge immunity must be positive", "write a duration such as 5m"));
        }

        var s = a.Scanners;
        Range(map, errors, "automations.scanners.errors_per_minute", s.ErrorsPerMinute, 1, 1_000_000);
        BanFor(map, errors, "automations.scanners.ban_for", s.BanFor);
        Action(map, errors, "automations.scanners.action", s.Action);
        for (var i = 0; i < s.Statuses.Count; i++)
        {
            Range(map, errors, $"automations.scanners.statuses[{i}]", s.Statuses[i], 100, 599);
        }

        for (var i = 0; i < s.Paths.Count; i++)
        {
            if (!s.Paths[i].Prefix.StartsWith('/'))
            {
                errors.Add(map.Error($"automations.scanners.paths[{i}].prefix", $"'{s.Paths[i].Prefix}' is not a path", "start it with /, e.g. /login"));
            }

            Range(map, errors, $"automations.scanners.paths[{i}].errors_per_minute", s.Paths[i].ErrorsPerMinute, 1, 1_000_000);
        }

        var f = a.HttpFlood;
        Range(map, errors, "automations.http_flood.requests", f.Requests, 1, int.MaxValue);
        BanFor(map, errors, "automations.http_flood.ban_for", f.BanFor);
        Action(map, errors, "automations.http_flood.action", f.Action);
        if (f.Window < TimeSpan.FromSeconds(1) || f.Window > TimeSpan.FromDays(1))
        {
            errors.Add(map.Error("automations.http_flood.window", "the window must be between 1s and 1d", "write a duration such as 5m"));
        }

        var h = a.Honeypot;
        BanFor(map, errors, "automations.honeypot.ban_for", h.BanFor);
        if (h.Enabled && h.Paths.Count == 0)
        {
            errors.Add(map.Error("automations.honeypot.paths", "the honeypot is on but has no trap path", "add a path such as /.rempart-trap/ or set enabled: false"));
        }

        for (var i = 0; i < h.Paths.Count; i++)
        {
            var p = h.Paths[i];
            if (!p.StartsWith('/') || p == "/" || p.Any(c => c <= ' ' || c == '?' || c == '#'))
            {
                errors.Add(map.Error($"automations.honeypot.paths[{i}]", $"'{p}' cannot be a trap path", "write a path below the root that no page links to, such as /.rempart-trap/"));
            }
        }

        ValidateLists(a, map, errors);
    }

    private static void ValidateLists(AutomationsConfig a, SourceMap map, List<ConfigError> errors)
    {
        for (var i = 0; i < a.AllowList.Count; i++)
        {
            if (!CidrParser.TryParse(a.AllowList[i], out _))
            {
                errors.Add(map.Error($"automations.allow_list[{i}]", $"'{a.AllowList[i]}' is not an IP address or CIDR", "write 203.0.113.0/24 or 2001:db8::/32"));
            }
        }

        for (var i = 0; i < a.DenyList.Entries.Count; i++)
        {
            var entry = a.DenyList.Entries[i];
            if (!DecisionScope.TryParse(entry, out var scope, out var problem))
            {
                errors.Add(map.Error($"automations.deny_list.entries[{i}]", problem, "write an address, a CIDR, country:CC or asn:N"));
            }
            else if (scope.Kind == DecisionScopeKind.Cidr && scope.Network.PrefixLength < (scope.Network.BaseAddress.AddressFamily == System.Net.Sockets.AddressFamily.InterNetwork ? a.Decisions.MinPrefixV4 : a.Decisions.MinPrefixV6))
            {
                errors.Add(map.Error($"automations.deny_list.entries[{i}]", $"{scope.Text} is wider than automations.decisions.min_prefix_v4/v6 allows", "list narrower ranges (0.0.0.0/0 and ::/0 would refuse everyone)"));
            }
        }

        if (a.DenyList.Retention is { } r && r < TimeSpan.FromMinutes(15))
        {
            errors.Add(map.Error("automations.deny_list.retention", "retention is shorter than 15 minutes", "write 15m or more (AWS's minimum too), or remove it to keep entries while listed"));
        }

        var rl = a.ReputationLists;
        if (rl.Refresh < TimeSpan.FromMinutes(1))
        {
            errors.Add(map.Error("automations.reputation_lists.refresh", "lists refreshed more than once a minute would hammer their publishers", "write 1h (the default) or at least 1m"));
        }

        if (rl.Enabled && rl.Sources.Count == 0)
        {
            errors.Add(map.Error("automations.reputation_lists.sources", "reputation lists are on but no source is listed", "paste the source list from docs/automations.md or set enabled: false"));
        }

        var names = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < rl.Sources.Count; i++)
        {
            var src = rl.Sources[i];
            var path = $"automations.reputation_lists.sources[{i}]";
            if (!names.Add(src.Name))
            {
                errors.Add(map.Error($"{path}.name", $"source name '{src.Name}' is used twice", "give each source its own name"));
            }

            if ((src.Url is null) == (src.File is null))
            {
                errors.Add(map.Error(path, "a source needs exactly one of url and file", "write url: https://… or file: lists/drop.txt"));
            }

            if (src.Url is not null && (!Uri.TryCreate(src.Url, UriKind.Absolute, out var uri) || uri.Scheme is not ("http" or "https")))
            {
                errors.Add(map.Error($"{path}.url", $"'{src.Url}' is not an http(s) URL", "write https://www.spamhaus.org/drop/drop.txt"));
            }

            if (!ListFormats.Contains(src.Format))
            {
                errors.Add(map.Error($"{path}.format", $"'{src.Format}' is not a list format", Suggestions.DidYouMean(src.Format, ListFormats)));
            }

            if (src.Timeout <= TimeSpan.Zero || src.Timeout > TimeSpan.FromMinutes(5))
            {
                errors.Add(map.Error($"{path}.timeout", "the timeout must be between 1ms and 5m", "write 30s"));
            }
        }
    }

    private static void Range(SourceMap map, List<ConfigError> errors, string path, long value, long min, long max)
    {
        if (value < min || value > max)
        {
            errors.Add(map.Error(path, $"{value} is out of range", $"use a value from {min} to {max}"));
        }
    }

    private static void BanFor(SourceMap map, List<ConfigError> errors, string path, string value)
    {
        if (!BanLength.TryParse(value, out _))
        {
            errors.Add(map.Error(path, $"'{value}' is not a ban length", "write a duration such as 240m, 4h or 7d, or forever"));
        }
    }

    private static void Action(SourceMap map, List<ConfigError> errors, string path, string value)
    {
        if (!ActiveDecision.TryParseAction(value, out _))
        {
            errors.Add(map.Error(path, $"'{value}' is not a decision", "write ban, challenge or throttle"));
        }
    }
}
