using System.Globalization;
using System.Text;
using System.Text.Json;

namespace Rempart.SecLang.Engine;

/// <summary>The audit log entry of a transaction, in ModSecurity v3's JSON format (<c>SecAuditLogFormat JSON</c>).</summary>
public sealed partial class Transaction
{
    private const int MaxAuditBody = 64 * 1024;

    /// <summary>
    /// True when this transaction belongs in the audit log: <c>SecAuditEngine On</c>, or <c>RelevantOnly</c> and a
    /// rule that audit-logs matched or the response status matches <c>SecAuditLogRelevantStatus</c>.
    /// </summary>
    public bool IsAuditRelevant
    {
        get
        {
            if (string.Equals(AuditEngine, "On", StringComparison.OrdinalIgnoreCase))
            {
                return true;
            }

            if (!string.Equals(AuditEngine, "RelevantOnly", StringComparison.OrdinalIgnoreCase))
            {
                return false;
            }

            if (_matchedRules.Any(r => r.Rule.AuditLog ?? r.IsLogged))
            {
                return true;
            }

            return RuleSet.Settings.AuditLogRelevantStatus is { Length: > 0 } pattern && ResponseStatus > 0
                && Options.Regexes.Get(pattern, Options.RegexMatchTimeout).IsMatch(ResponseStatus.ToString(CultureInfo.InvariantCulture));
        }
    }

    /// <summary>
    /// One JSON line for the audit log with the parts of <c>SecAuditLogParts</c>: A (transaction), B (request
    /// headers), C/I (request body, first 64 KiB), F (response headers), E (response body, first 64 KiB), H (the
    /// matched rules with ids, messages and data). Values are the bytes the engine saw, read as UTF-8.
    /// </summary>
    public string AuditLogJson(DateTimeOffset now)
    {
        var parts = RuleSet.Settings.AuditLogParts.ToUpperInvariant();
        using var buffer = new MemoryStream();
        using (var json = new Utf8JsonWriter(buffer))
        {
            json.WriteStartObject();
            json.WriteStartObject("transaction");
            json.WriteString("client_ip", RemoteAddr);
            json.WriteString("time_stamp", now.UtcDateTime.ToString("ddd MMM d HH:mm:ss yyyy", CultureInfo.InvariantCulture));
            json.WriteString("server_id", RuleSet.Settings.WebAppId);
            json.WriteNumber("client_port", RemotePort);
            json.WriteString("host_ip", ServerAddr);
            json.WriteNumber("host_port", ServerPort);
            json.WriteString("unique_id", Id);
            json.WriteStartObject("request");
            json.WriteString("method", RequestMethod);
            json.WriteString("http_version", RequestProtocol.StartsWith("HTTP/", StringComparison.Ordinal) ? RequestProtocol[5..] : RequestProtocol);
            json.WriteString("uri", Text.Latin1.ToText(RequestUriRaw));
            if (parts.Contains('B'))
            {
                Headers(json, RequestHeaders);
            }

            if ((parts.Contains('C') || parts.Contains('I')) && _requestBodyLength > 0)
            {
                json.WriteString("body", Body(_requestBody.AsSpan(0, _requestBodyLength)));
            }

            json.WriteEndObject();
            json.WriteStartObject("response");
            json.WriteNumber("http_code", _interruption is { } it && RuleEngine == RuleEngineMode.On ? it.Status : ResponseStatus);
            if (parts.Contains('F'))
            {
                Headers(json, ResponseHeaders);
            }

            if (parts.Contains('E') && ResponseBody.Length > 0)
            {
                json.WriteString("body", Text.Latin1.ToText(ResponseBody.Length > MaxAuditBody ? ResponseBody[..MaxAuditBody] : ResponseBody));
            }

            json.WriteEndObject();
            json.WriteStartObject("producer");
            json.WriteString("modsecurity", "Rempart SecLang engine");
            json.WriteString("connector", "rempart");
            json.WriteString("secrules_engine", RuleEngine switch { RuleEngineMode.On => "Enabled", RuleEngineMode.DetectionOnly => "DetectionOnly", _ => "Disabled" });
            json.WriteStartArray("components");
            foreach (var component in RuleSet.Settings.ComponentSignatures)
            {
                json.WriteStringValue(component);
            }

            json.WriteEndArray();
            json.WriteEndObject();
            if (parts.Contains('H'))
            {
                Messages(json);
            }

            json.WriteEndObject();
            json.WriteEndObject();
        }

        return Encoding.UTF8.GetString(buffer.GetBuffer(), 0, (int)buffer.Length);
    }

    private static void Headers(Utf8JsonWriter json, KeyValueList headers)
    {
        json.WriteStartObject("headers");
        foreach (var (name, value) in headers.Items)
        {
            json.WriteString(Text.Latin1.ToText(name), Text.Latin1.ToText(value));
        }

        json.WriteEndObject();
    }

    private static string Body(ReadOnlySpan<byte> bytes) => Encoding.UTF8.GetString(bytes.Length > MaxAuditBody ? bytes[..MaxAuditBody] : bytes);

    private void Messages(Utf8JsonWriter json)
    {
        json.WriteStartArray("messages");
        foreach (var matched in _matchedRules)
        {
            if (!(matched.Rule.AuditLog ?? matched.IsLogged))
            {
                continue;
            }

            var rule = matched.Rule;
            foreach (var match in matched.Matches)
            {
                json.WriteStartObject();
                json.WriteString("message", Text.Latin1.ToText(match.Message));
                json.WriteStartObject("details");
                json.WriteString("match", $"Matched \"Operator `{rule.OperatorName}' with parameter `{Truncate(Text.Latin1.ToText(rule.OperatorArgument))}' against variable `{match.VariableName}' (Value: `{Truncate(Text.Latin1.ToText(match.Value))}' )");
                json.WriteString("reference", "");
                json.WriteString("ruleId", rule.Id.ToString(CultureInfo.InvariantCulture));
                json.WriteString("file", rule.File);
                json.WriteString("lineNumber", rule.Line.ToString(CultureInfo.InvariantCulture));
                json.WriteString("data", Text.Latin1.ToText(match.Data));
                json.WriteString("severity", rule.Severity?.ToString(CultureInfo.InvariantCulture) ?? "0");
                json.WriteString("ver", rule.Version ?? "");
                json.WriteString("rev", rule.Revision ?? "");
                json.WriteStartArray("tags");
                foreach (var tag in rule.Tags)
                {
                    json.WriteStringValue(tag);
                }

                json.WriteEndArray();
                json.WriteString("maturity", rule.Maturity?.ToString(CultureInfo.InvariantCulture) ?? "0");
                json.WriteString("accuracy", rule.Accuracy?.ToString(CultureInfo.InvariantCulture) ?? "0");
                json.WriteEndObject();
                json.WriteEndObject();
            }
        }

        json.WriteEndArray();
    }

    private static string Truncate(string value) => value.Length > 200 ? value[..200] + "..." : value;
}
