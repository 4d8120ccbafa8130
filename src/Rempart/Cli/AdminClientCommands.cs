using System.CommandLine;
using System.Text.Json;

namespace Rempart.Cli;

/// <summary>
/// Commands that talk to a running Rempart through its admin API (see <see cref="AdminClient"/>
/// for how they find it).
/// </summary>
internal static class AdminClientCommands
{
    public static Command Status() => Create("status", "Show the running gateway's status.", HttpMethod.Get, _ => "/api/v1/status");

    public static Command Origins() => Create("origins", "Show origins, their targets and health.", HttpMethod.Get, _ => "/api/v1/origins");

    public static Command Reload() => Create("reload", "Reload the config file now.", HttpMethod.Post, _ => "/api/v1/config/reload");

    public static Command Explain()
    {
        var reference = new Argument<string>("reference") { Description = "The reference id shown on the block page (the request id)." };
        return Create("explain", "Explain why a request was blocked, from the stored security events.", HttpMethod.Get,
            r => $"/api/v1/events?type=request_blocked&request_id={Uri.EscapeDataString(r.GetValue(reference)!)}", reference, Explanation);
    }

    /// <summary>
    /// A command that makes one admin API call: <paramref name="path"/> (and optionally a JSON
    /// <paramref name="requestBody"/>) from the parsed arguments; the answer is pretty-printed or rendered.
    /// </summary>
    internal static Command Create(string name, string description, HttpMethod method, Func<ParseResult, string> path, Argument<string>? argument = null,
        Func<string, string?>? render = null, Func<ParseResult, string?>? requestBody = null, IEnumerable<Option>? options = null)
    {
        var admin = new Option<string?>("--admin") { Description = "Admin API address (default: from --config, else http://127.0.0.1:9901)." };
        var token = new Option<string?>("--token") { Description = "Admin token (default: REMPART_ADMIN_TOKEN, else the token file)." };
        var config = new Option<FileInfo?>("--config", "-c") { Description = "Config file to read admin.listen and data_dir from." };
        var command = new Command(name, description) { admin, token, config };
        if (argument is not null)
        {
            command.Arguments.Add(argument);
        }

        foreach (var option in options ?? [])
        {
            command.Options.Add(option);
        }

        command.SetAction(async (result, ct) =>
        {
            using var client = AdminClient.Create(result.GetValue(admin), result.GetValue(token), result.GetValue(config), out var problem);
            if (client is null)
            {
                Console.Error.WriteLine($"rempart: {problem}");
                return 1;
            }

            try
            {
                var (status, answer) = await client.SendAsync(method, path(result), ct, requestBody?.Invoke(result) is { } json ? new StringContent(json, System.Text.Encoding.UTF8, "application/json") : null).ConfigureAwait(false);
                if (status is < 200 or > 299)
                {
                    Console.Error.WriteLine($"rempart: {status}");
                    Console.Error.WriteLine(Pretty(answer));
                    return 1;
                }

                var text = render is null ? Pretty(answer) : render(answer);
                if (text is null)
                {
                    Console.Error.WriteLine("rempart: no blocked request with that reference is stored.");
                    return 1;
                }

                Console.WriteLine(text);
                return 0;
            }
            catch (HttpRequestException e)
            {
                Console.Error.WriteLine($"rempart: cannot reach the admin API at {client.Address}: {e.Message} Fix: is Rempart running? Pass --admin or --config.");
                return 1;
            }
        });
        return command;
    }

    private static string? Explanation(string body)
    {
        using var doc = JsonDocument.Parse(body);
        if (doc.RootElement.GetArrayLength() == 0)
        {
            return null;
        }

        var e = doc.RootElement[0].GetProperty("data");
        string S(JsonElement el, string name) => el.TryGetProperty(name, out var v) && v.ValueKind != JsonValueKind.Null ? v.ToString() : "-";
        var lines = new List<string>
        {
            $"Request {S(e, "request_id")} at {S(e, "time")}: {S(e, "method")} {S(e, "host")}{S(e, "uri")} from {S(e, "client_ip")}",
            $"Route {S(e, "route")}, web ACL {S(e, "web_acl")}: {S(e, "action").ToUpperInvariant()} by {S(e, "rule")}",
        };
        foreach (var m in e.GetProperty("matches").EnumerateArray())
        {
            lines.Add($"  ✔  {S(m, "rule_id")}  → {S(m, "action")}");
            if (m.TryGetProperty("detail", out var d) && d.ValueKind == JsonValueKind.Object)
            {
                lines.Add($"       field {S(d, "field")}, after {S(d, "transforms")}: \"{S(d, "value")}\"");
                if (S(d, "detail") is var detail and not "-")
                {
                    lines.Add($"       {detail}");
                }
            }
        }

        var labels = e.GetProperty("labels").EnumerateArray().Select(l => l.GetString()).ToList();
        if (labels.Count > 0)
        {
            lines.Add($"Labels: {string.Join(", ", labels)}");
        }

        return string.Join(Environment.NewLine, lines);
    }

    private static string Pretty(string body)
    {
        try
        {
            using var doc = JsonDocument.Parse(body);
            return JsonSerializer.Serialize(doc.RootElement, new JsonSerializerOptions { WriteIndented = true });
        }
        catch (JsonException)
        {
            return body;
        }
    }
}
