using System.CommandLine;
using System.Globalization;
using System.Text;
using System.Text.Json;

namespace Rempart.Cli;

/// <summary>
/// `rempart attacks` (the attack events as a table, or one in detail) and `rempart under-attack`
/// (show or switch under-attack mode), thin clients of the admin API.
/// </summary>
internal static class AttackCommands
{
    public static Command Attacks()
    {
        var limit = new Option<int>("--limit") { Description = "How many attack events, newest first.", DefaultValueFactory = _ => 20 };
        var command = AdminClientCommands.Create("attacks", "List attack events (open ones first) as a table.", HttpMethod.Get,
            r => $"/api/v1/attacks?limit={r.GetValue(limit)}", render: Table);
        command.Options.Add(limit);
        var id = new Argument<string>("id") { Description = "The attack event's id (first column of `rempart attacks`)." };
        command.Subcommands.Add(AdminClientCommands.Create("show", "Show one attack event: vectors, counts, top contributors, mitigations.", HttpMethod.Get,
            r => $"/api/v1/attacks/{Uri.EscapeDataString(r.GetValue(id)!)}", id, Detail));
        return command;
    }

    public static Command UnderAttack()
    {
        var route = new Option<string?>("--route") { Description = "One route (by name); without it, every route." };
        Command Switch(string name, bool enabled)
        {
            var c = AdminClientCommands.Create(name, enabled ? "Challenge every client without a valid challenge token." : "Switch manual under-attack mode off.", HttpMethod.Put,
                _ => "/api/v1/shield/under-attack", requestBody: r => JsonSerializer.Serialize(new Dictionary<string, object?> { ["enabled"] = enabled, ["route"] = r.GetValue(route) }));
            c.Options.Add(route);
            return c;
        }

        var command = AdminClientCommands.Create("under-attack", "Show under-attack mode (manual, from config, automatic); `on` / `off` switch it.", HttpMethod.Get, _ => "/api/v1/shield/under-attack");
        command.Subcommands.Add(Switch("on", true));
        command.Subcommands.Add(Switch("off", false));
        return command;
    }

    private static string? Table(string body)
    {
        using var doc = JsonDocument.Parse(body);
        if (doc.RootElement.GetArrayLength() == 0)
        {
            return "No attack events.";
        }

        var rows = new List<string[]> { new[] { "ID", "ROUTE", "STARTED (UTC)", "DURATION", "VECTORS", "PEAK/S", "REQUESTS", "DROPPED", "CHALLENGED", "PASSED", "MITIGATION" } };
        foreach (var a in doc.RootElement.EnumerateArray())
        {
            var started = a.GetProperty("started_at").GetDateTimeOffset();
            var ended = a.GetProperty("ended_at").ValueKind == JsonValueKind.String ? a.GetProperty("ended_at").GetDateTimeOffset() : (DateTimeOffset?)null;
            var applied = a.GetProperty("mitigations").EnumerateArray().Where(m => m.GetProperty("applied").GetBoolean())
                .Select(m => $"{m.GetProperty("action").GetString()} {m.GetProperty("kind").GetString()}({m.GetProperty("value_count").GetInt32()})").ToList();
            if (a.GetProperty("under_attack_mode").GetBoolean())
            {
                applied.Add("under-attack");
            }

            rows.Add(
            [
                a.GetProperty("id").GetString()!,
                a.GetProperty("route").GetString()!,
                started.UtcDateTime.ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture),
                ended is { } e ? Duration(e - started) : "open",
                string.Join(",", a.GetProperty("vectors").EnumerateArray().Select(v => v.GetString())),
                a.GetProperty("peak_requests_per_second").GetInt64().ToString(CultureInfo.InvariantCulture),
                a.GetProperty("total_requests").GetInt64().ToString(CultureInfo.InvariantCulture),
                a.GetProperty("dropped").GetInt64().ToString(CultureInfo.InvariantCulture),
                a.GetProperty("challenged").GetInt64().ToString(CultureInfo.InvariantCulture),
                a.GetProperty("passed").GetInt64().ToString(CultureInfo.InvariantCulture),
                applied.Count == 0 ? "-" : string.Join(", ", applied),
            ]);
        }

        return Render(rows);
    }

    private static string? Detail(string body)
    {
        using var doc = JsonDocument.Parse(body);
        var a = doc.RootElement;
        var text = new StringBuilder();
        text.AppendLine(CultureInfo.InvariantCulture, $"Attack {a.GetProperty("id").GetString()} on route {a.GetProperty("route").GetString()}");
        text.AppendLine(CultureInfo.InvariantCulture, $"  started {a.GetProperty("started_at")}, ended {(a.GetProperty("ended_at").ValueKind == JsonValueKind.Null ? "(open)" : a.GetProperty("ended_at").ToString())}");
        text.AppendLine(CultureInfo.InvariantCulture, $"  vectors: {string.Join(", ", a.GetProperty("vectors").EnumerateArray().Select(v => v.GetString()))}");
        foreach (var t in a.GetProperty("triggers").EnumerateArray())
        {
            text.AppendLine(CultureInfo.InvariantCulture, $"  trigger: {t.GetString()}");
        }

        text.AppendLine(CultureInfo.InvariantCulture, $"  requests {a.GetProperty("total_requests")} (peak {a.GetProperty("peak_requests_per_second")}/s): dropped {a.GetProperty("dropped")}, challenged {a.GetProperty("challenged")}, passed {a.GetProperty("passed")}, counted {a.GetProperty("counted")}");
        foreach (var kind in a.GetProperty("top_contributors").EnumerateObject())
        {
            var top = kind.Value.EnumerateArray().Select(c => $"{c.GetProperty("value").GetString()} ({c.GetProperty("requests")})").ToList();
            if (top.Count > 0)
            {
                text.AppendLine(CultureInfo.InvariantCulture, $"  top {kind.Name}: {string.Join(", ", top)}");
            }
        }

        foreach (var m in a.GetProperty("mitigations").EnumerateArray())
        {
            var state = m.GetProperty("applied").GetBoolean() ? "applied" : "rejected";
            text.AppendLine(CultureInfo.InvariantCulture,
                $"  mitigation {m.GetProperty("kind").GetString()} → {m.GetProperty("action").GetString()}: {state}, {m.GetProperty("value_count")} value(s), would hit {m.GetProperty("baseline_share").GetDouble():P1} of baseline clients: {string.Join(", ", m.GetProperty("values").EnumerateArray().Select(v => v.GetString()).Take(5))}");
        }

        return text.ToString().TrimEnd();
    }

    private static string Duration(TimeSpan d) => d.TotalHours >= 1 ? $"{(int)d.TotalHours}h{d.Minutes:00}m" : d.TotalMinutes >= 1 ? $"{(int)d.TotalMinutes}m{d.Seconds:00}s" : $"{(int)d.TotalSeconds}s";

    private static string Render(List<string[]> rows)
    {
        var widths = Enumerable.Range(0, rows[0].Length).Select(i => rows.Max(r => r[i].Length)).ToArray();
        return string.Join(Environment.NewLine, rows.Select(r => string.Join("  ", r.Select((c, i) => i == r.Length - 1 ? c : c.PadRight(widths[i]))).TrimEnd()));
    }
}
