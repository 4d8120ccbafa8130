using System.Text;
using System.Text.Json;
using Rempart.Gateway.Configuration.Notifications;

namespace Rempart.Gateway.Notifications;

/// <summary>The JSON a webhook receives: Rempart's own shape, or Slack's incoming-webhook shape.</summary>
public static class WebhookPayload
{
    public static byte[] Build(Notification n, WebhookFormat format)
    {
        using var buffer = new MemoryStream();
        using (var json = new Utf8JsonWriter(buffer))
        {
            if (format == WebhookFormat.Slack)
            {
                WriteSlack(json, n);
            }
            else
            {
                WriteJson(json, n);
            }
        }

        return buffer.ToArray();
    }

    private static void WriteJson(Utf8JsonWriter json, Notification n)
    {
        json.WriteStartObject();
        json.WriteString("id", n.Id);
        json.WriteString("kind", n.Kind);
        json.WriteString("title", n.Title);
        json.WriteString("severity", Severity(n.Severity));
        json.WriteString("time", n.Time ?? DateTimeOffset.UnixEpoch);
        if (n.Text is not null)
        {
            json.WriteString("text", n.Text);
        }

        json.WriteStartObject("fields");
        foreach (var (name, value) in n.Fields)
        {
            json.WriteString(name, value);
        }

        json.WriteEndObject();
        json.WriteEndObject();
    }

    /// <summary>Slack's text (the fallback every compatible receiver shows) plus blocks for Slack itself; at most 10 fields per section, as Slack allows.</summary>
    private static void WriteSlack(Utf8JsonWriter json, Notification n)
    {
        var icon = n.Severity switch { NotificationSeverity.Critical => ":rotating_light:", NotificationSeverity.Warning => ":warning:", _ => ":information_source:" };
        var text = new StringBuilder().Append(icon).Append(" *").Append(Escape(n.Title)).Append('*');
        if (n.Text is not null)
        {
            text.Append('\n').Append(Escape(n.Text));
        }

        foreach (var (name, value) in n.Fields)
        {
            text.Append('\n').Append(Escape(name)).Append(": ").Append(Escape(value));
        }

        json.WriteStartObject();
        json.WriteString("text", text.ToString());
        json.WriteStartArray("blocks");
        json.WriteStartObject();
        json.WriteString("type", "section");
        json.WriteStartObject("text");
        json.WriteString("type", "mrkdwn");
        json.WriteString("text", $"{icon} *{Escape(n.Title)}*" + (n.Text is null ? "" : "\n" + Escape(n.Text)));
        json.WriteEndObject();
        json.WriteEndObject();
        foreach (var chunk in n.Fields.Chunk(10))
        {
            json.WriteStartObject();
            json.WriteString("type", "section");
            json.WriteStartArray("fields");
            foreach (var (name, value) in chunk)
            {
                json.WriteStartObject();
                json.WriteString("type", "mrkdwn");
                json.WriteString("text", $"*{Escape(name)}*\n{Escape(value)}");
                json.WriteEndObject();
            }

            json.WriteEndArray();
            json.WriteEndObject();
        }

        json.WriteStartObject();
        json.WriteString("type", "context");
        json.WriteStartArray("elements");
        json.WriteStartObject();
        json.WriteString("type", "mrkdwn");
        json.WriteString("text", $"Rempart · {n.Kind} · {(n.Time ?? DateTimeOffset.UnixEpoch):u}");
        json.WriteEndObject();
        json.WriteEndArray();
        json.WriteEndObject();
        json.WriteEndArray();
        json.WriteEndObject();
    }

    public static string Severity(NotificationSeverity severity) => severity switch
    {
        NotificationSeverity.Critical => "critical",
        NotificationSeverity.Warning => "warning",
        _ => "info",
    };

    /// <summary>Slack mrkdwn treats &amp;, &lt; and &gt; as control characters; a request path must not become a link or a mention.</summary>
    private static string Escape(string s) => s.Replace("&", "&amp;", StringComparison.Ordinal).Replace("<", "&lt;", StringComparison.Ordinal).Replace(">", "&gt;", StringComparison.Ordinal);
}
