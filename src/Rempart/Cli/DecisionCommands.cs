using System.CommandLine;
using System.Globalization;
using System.Text;
using System.Text.Json;

namespace Rempart.Cli;

/// <summary>
/// `rempart ban SCOPE --for 4h --reason …`, `rempart unban SCOPE|ID`, `rempart decisions`: the
/// decisions admin API from the shell. Each change is audited with the local user@host as actor.
/// </summary>
internal static class DecisionCommands
{
    public static Command Ban()
    {
        var scope = new Argument<string>("scope") { Description = "An IP, a CIDR, country:CC or asn:N." };
        var duration = new Option<string?>("--for") { Description = "How long: 30m, 4h, 7d, or forever (default: 4h)." };
        var reason = new Option<string>("--reason") { Description = "Why, for the audit trail and the decisions list.", Required = true };
        var action = new Option<string>("--action") { Description = "ban (default), challenge or throttle.", DefaultValueFactory = _ => "ban" };
        return AdminClientCommands.Create("ban", "Ban (or challenge, or throttle) a client scope; enforced from the next request.", HttpMethod.Post,
            _ => "/api/v1/decisions", scope,
            render: body => Row(JsonDocument.Parse(body).RootElement.GetProperty("decision"), "decided"),
            requestBody: r => JsonSerializer.Serialize(new { scope = r.GetValue(scope), action = r.GetValue(action), duration = r.GetValue(duration) ?? "4h", reason = r.GetValue(reason), source = "operator" }),
            options: [duration, reason, action]);
    }

    public static Command Unban()
    {
        var target = new Argument<string>("scope-or-id") { Description = "The scope (203.0.113.7, 198.51.100.0/24 …) or the decision id." };
        var reason = new Option<string?>("--reason") { Description = "Why, for the audit trail." };
        return AdminClientCommands.Create("unban", "Lift a decision.", HttpMethod.Delete,
            r => $"/api/v1/decisions?scope={Uri.EscapeDataString(r.GetValue(target)!)}" + (r.GetValue(reason) is { } why ? "&reason=" + Uri.EscapeDataString(why) : ""),
            target,
            render: body => Row(JsonDocument.Parse(body).RootElement.GetProperty("removed"), "lifted"),
            options: [reason]);
    }

    public static Command List()
    {
        var action = new Option<string?>("--action") { Description = "Only ban, challenge or throttle." };
        var source = new Option<string?>("--source") { Description = "Only this source (operator, scanners, http_flood, honeypot, deny_list, function:NAME)." };
        var ip = new Option<string?>("--ip") { Description = "Only decisions covering this address." };
        var limit = new Option<int>("--limit") { Description = "Rows to show (at most 1000).", DefaultValueFactory = _ => 100 };
        var json = new Option<bool>("--json") { Description = "Print the API's JSON instead of a table." };
        bool asJson = false;
        return AdminClientCommands.Create("decisions", "List active decisions, newest first.", HttpMethod.Get,
            r =>
            {
                asJson = r.GetValue(json);
                var query = new List<string> { $"limit={r.GetValue(limit)}" };
                Add(query, "action", r.GetValue(action));
                Add(query, "source", r.GetValue(source));
                Add(query, "ip", r.GetValue(ip));
                return "/api/v1/decisions?" + string.Join('&', query);
            },
            render: body => asJson ? body : Table(JsonDocument.Parse(body).RootElement),
            options: [action, source, ip, limit, json]);
    }

    private static void Add(List<string> query, string name, string? value)
    {
        if (value is not null)
        {
            query.Add($"{name}={Uri.EscapeDataString(value)}");
        }
    }

    private static string Row(JsonElement d, string verb) =>
        $"{verb}: {S(d, "action")} {S(d, "scope")} until {Until(d)} (id {S(d, "id")}, source {S(d, "source")})";

    /// <summary>A plain aligned table: operators read it, scripts use --json.</summary>
    internal static string Table(JsonElement page)
    {
        var rows = new List<string[]> { new[] { "ID", "ACTION", "SCOPE", "EXPIRES", "SOURCE", "REASON" } };
        foreach (var d in page.GetProperty("items").EnumerateArray())
        {
            var reason = S(d, "reason");
            rows.Add([S(d, "id"), S(d, "action"), S(d, "scope"), Until(d), S(d, "source"), reason.Length > 60 ? reason[..57] + "..." : reason]);
        }

        var widths = Enumerable.Range(0, 6).Select(c => rows.Max(r => r[c].Length)).ToArray();
        var text = new StringBuilder();
        foreach (var row in rows)
        {
            text.AppendLine(string.Join("  ", row.Select((cell, c) => c == row.Length - 1 ? cell : cell.PadRight(widths[c]))).TrimEnd());
        }

        var total = page.GetProperty("total").GetInt32();
        text.Append(CultureInfo.InvariantCulture, $"{rows.Count - 1} of {total} active decision(s)");
        return text.ToString();
    }

    private static string Until(JsonElement d) =>
        d.TryGetProperty("expires_at", out var e) && e.ValueKind == JsonValueKind.String ? e.GetDateTimeOffset().ToUniversalTime().ToString("yyyy-MM-dd HH:mm:ss'Z'", CultureInfo.InvariantCulture) : "never";

    private static string S(JsonElement e, string name) => e.TryGetProperty(name, out var v) && v.ValueKind != JsonValueKind.Null ? v.ToString() : "-";
}
