using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using Rempart.Gateway.Configuration;
using Rempart.Gateway.Decisions;
using Rempart.Gateway.Notifications;

namespace Rempart.Gateway.Functions.Events;

/// <summary>
/// The one JSON shape of effects, read from a JavaScript call's argument and from an HTTP
/// function's answer, and written by `rempart functions test`:
/// <code>
/// { "decisions":        [ { "scope": "203.0.113.7", "action": "ban", "duration": "4h", "reason": "…" } ],
///   "remove_decisions": [ { "scope": "203.0.113.7", "reason": "…" } ],
///   "ip_sets":          [ { "set": "suspects", "cidr": "198.51.100.0/24", "op": "add", "duration": "1d" } ],
///   "notifications":    [ { "title": "…", "text": "…", "severity": "warning", "fields": { "k": "v" }, "channels": ["ops"] } ],
///   "log":              [ "…" ] }
/// </code>
/// Durations are written as in the config ("90s", "4h", "7d") or as seconds, or "forever".
/// A decision without a duration lasts <see cref="DefaultDecisionDuration"/>; an IP-set entry without
/// one stays until removed. Anything malformed is a <see cref="FunctionEffectException"/> naming the
/// field — never a silent skip.
/// </summary>
public static class FunctionEffectsJson
{
    /// <summary>As the scanners automation and AWS's security automations ban: four hours.</summary>
    public static readonly TimeSpan DefaultDecisionDuration = TimeSpan.FromHours(4);

    private const int MaxReasonLength = 500;
    private const int MaxTextLength = 4000;

    /// <summary>Reads an HTTP function's answer into <paramref name="into"/>; log lines are returned.</summary>
    public static IReadOnlyList<string> ReadAnswer(string json, FunctionEffects into, string function, Func<string, bool> setExists)
    {
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(json, new JsonDocumentOptions { MaxDepth = 16 });
        }
        catch (JsonException e)
        {
            throw new FunctionEffectException($"the answer is not JSON: {e.Message}");
        }

        using (document)
        {
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object)
            {
                throw new FunctionEffectException("the answer must be a JSON object such as {\"decisions\": [...]}");
            }

            var logs = new List<string>();
            foreach (var property in root.EnumerateObject())
            {
                switch (property.Name)
                {
                    case "decisions":
                        foreach (var item in Array(property))
                        {
                            into.TryAdd(ReadDecision(item, function));
                        }

                        break;
                    case "remove_decisions":
                        foreach (var item in Array(property))
                        {
                            into.TryAdd(ReadRemoval(item, function));
                        }

                        break;
                    case "ip_sets":
                        foreach (var item in Array(property))
                        {
                            into.TryAdd(ReadIpSet(item, setExists));
                        }

                        break;
                    case "notifications":
                        foreach (var item in Array(property))
                        {
                            into.TryAdd(ReadNotification(item));
                        }

                        break;
                    case "log":
                        foreach (var item in Array(property))
                        {
                            var line = item.ValueKind == JsonValueKind.String ? item.GetString()! : item.GetRawText();
                            logs.Add(line.Length > FunctionScope.MaxLogLength ? line[..FunctionScope.MaxLogLength] + "…" : line);
                        }

                        break;
                    default:
                        throw new FunctionEffectException($"unknown field '{property.Name}' in the answer (expected decisions, remove_decisions, ip_sets, notifications, log)");
                }
            }

            return logs;
        }
    }

    public static DecisionEffect ReadDecision(JsonElement e, string function)
    {
        RequireObject(e, "a decision", "{\"scope\": \"203.0.113.7\", \"action\": \"ban\", \"duration\": \"4h\"}");
        var scope = RequiredString(e, "scope", "a decision");
        if (!DecisionScope.TryParse(scope, out var parsed, out var problem))
        {
            throw new FunctionEffectException($"decision scope '{Cut(scope)}': {problem}");
        }

        var action = DecisionAction.Ban;
        if (OptionalString(e, "action") is { } a && !ActiveDecision.TryParseAction(a, out action))
        {
            throw new FunctionEffectException($"decision action '{Cut(a)}' is not ban, challenge or throttle");
        }

        var duration = ReadDuration(e, "decision", DefaultDecisionDuration);
        return new DecisionEffect(parsed.Text, action, duration, Reason(e, function));
    }

    public static DecisionRemovalEffect ReadRemoval(JsonElement e, string function)
    {
        if (e.ValueKind == JsonValueKind.String)
        {
            return new DecisionRemovalEffect(e.GetString()!, $"function {function}");
        }

        RequireObject(e, "a decision removal", "{\"scope\": \"203.0.113.7\"}");
        return new DecisionRemovalEffect(RequiredString(e, "scope", "a decision removal"), Reason(e, function));
    }

    public static IpSetEffect ReadIpSet(JsonElement e, Func<string, bool> setExists)
    {
        RequireObject(e, "an IP-set change", "{\"set\": \"suspects\", \"cidr\": \"198.51.100.0/24\", \"op\": \"add\"}");
        var set = RequiredString(e, "set", "an IP-set change");
        if (!setExists(set))
        {
            throw new FunctionEffectException($"IP set '{Cut(set)}' is not defined under ip_sets");
        }

        var cidr = RequiredString(e, "cidr", "an IP-set change");
        if (!CidrParser.TryParse(cidr, out var network))
        {
            throw new FunctionEffectException($"'{Cut(cidr)}' is not an IP address or CIDR");
        }

        var add = (OptionalString(e, "op") ?? "add") switch
        {
            "add" => true,
            "remove" => false,
            var other => throw new FunctionEffectException($"IP-set op '{Cut(other)}' is not add or remove"),
        };
        return new IpSetEffect(set, network.ToString(), add, add ? ReadDuration(e, "IP-set entry", null) : null);
    }

    public static NotificationEffect ReadNotification(JsonElement e)
    {
        RequireObject(e, "a notification", "{\"title\": \"…\", \"text\": \"…\"}");
        var title = RequiredString(e, "title", "a notification");
        var severity = NotificationSeverity.Info;
        if (OptionalString(e, "severity") is { } s && !Enum.TryParse(s, ignoreCase: true, out severity))
        {
            throw new FunctionEffectException($"notification severity '{Cut(s)}' is not info, warning or critical");
        }

        var fields = new Dictionary<string, string>(StringComparer.Ordinal);
        if (e.TryGetProperty("fields", out var f) && f.ValueKind == JsonValueKind.Object)
        {
            foreach (var p in f.EnumerateObject().Take(20))
            {
                fields[Cut(p.Name, 100)] = Cut(p.Value.ValueKind == JsonValueKind.String ? p.Value.GetString()! : p.Value.GetRawText(), 1000);
            }
        }

        List<string>? channels = null;
        if (e.TryGetProperty("channels", out var c) && c.ValueKind == JsonValueKind.Array)
        {
            channels = c.EnumerateArray().Where(x => x.ValueKind == JsonValueKind.String).Select(x => x.GetString()!).Take(20).ToList();
        }

        return new NotificationEffect(Cut(title, 200), OptionalString(e, "text") is { } t ? Cut(t, MaxTextLength) : null, severity, fields, channels);
    }

    /// <summary>The effects as JSON, in the answer's shape (what `rempart functions test` prints).</summary>
    public static JsonObject Write(FunctionEffects effects) => new()
    {
        ["decisions"] = new JsonArray(effects.Decisions.Select(d => (JsonNode)new JsonObject
        {
            ["scope"] = d.Scope,
            ["action"] = ActiveDecision.ActionName(d.Action),
            ["duration"] = d.Duration is { } t ? Duration.Format(t) : "forever",
            ["reason"] = d.Reason,
        }).ToArray()),
        ["remove_decisions"] = new JsonArray(effects.Removals.Select(r => (JsonNode)new JsonObject { ["scope"] = r.Scope, ["reason"] = r.Reason }).ToArray()),
        ["ip_sets"] = new JsonArray(effects.IpSets.Select(i => (JsonNode)new JsonObject
        {
            ["set"] = i.Set,
            ["cidr"] = i.Cidr,
            ["op"] = i.Add ? "add" : "remove",
            ["duration"] = i.Add ? (i.Duration is { } t ? Duration.Format(t) : "forever") : null,
        }).ToArray()),
        ["notifications"] = new JsonArray(effects.Notifications.Select(n => (JsonNode)new JsonObject
        {
            ["title"] = n.Title,
            ["text"] = n.Text,
            ["severity"] = n.Severity.ToString().ToLowerInvariant(),
            ["fields"] = new JsonObject(n.Fields.Select(f => KeyValuePair.Create(f.Key, (JsonNode?)f.Value))),
        }).ToArray()),
        ["refused"] = effects.Refused,
        ["notifications_dropped"] = effects.NotificationsDropped,
    };

    private static TimeSpan? ReadDuration(JsonElement e, string what, TimeSpan? absent)
    {
        if (!e.TryGetProperty("duration", out var d) || d.ValueKind == JsonValueKind.Null)
        {
            return absent;
        }

        if (d.ValueKind == JsonValueKind.Number && d.TryGetDouble(out var seconds) && seconds > 0 && seconds <= TimeSpan.FromDays(3650).TotalSeconds)
        {
            return TimeSpan.FromSeconds(seconds);
        }

        if (d.ValueKind == JsonValueKind.String)
        {
            var text = d.GetString()!;
            if (text == "forever")
            {
                return null;
            }

            if (Duration.TryParse(text, out var parsed) && parsed > TimeSpan.Zero && parsed <= TimeSpan.FromDays(3650))
            {
                return parsed;
            }
        }

        throw new FunctionEffectException($"{what} duration {Cut(d.GetRawText())} is not a duration: write \"90s\", \"4h\", \"7d\", a number of seconds, or \"forever\"");
    }

    private static string Reason(JsonElement e, string function) => OptionalString(e, "reason") is { Length: > 0 } r ? Cut(r, MaxReasonLength) : $"function {function}";

    private static IEnumerable<JsonElement> Array(JsonProperty property) => property.Value.ValueKind == JsonValueKind.Array
        ? property.Value.EnumerateArray()
        : throw new FunctionEffectException($"'{property.Name}' must be an array");

    private static void RequireObject(JsonElement e, string what, string example)
    {
        if (e.ValueKind != JsonValueKind.Object)
        {
            throw new FunctionEffectException($"{what} must be an object such as {example}");
        }
    }

    private static string RequiredString(JsonElement e, string name, string what) =>
        OptionalString(e, name) is { Length: > 0 } s ? s : throw new FunctionEffectException($"{what} needs '{name}'");

    private static string? OptionalString(JsonElement e, string name) => e.TryGetProperty(name, out var v)
        ? v.ValueKind switch
        {
            JsonValueKind.String => v.GetString(),
            JsonValueKind.Number => v.GetRawText(),
            JsonValueKind.Null => null,
            _ => throw new FunctionEffectException($"'{name}' must be a string"),
        }
        : null;

    private static string Cut(string s, int max = 80) => s.Length <= max ? s : s[..max] + "…";
}
