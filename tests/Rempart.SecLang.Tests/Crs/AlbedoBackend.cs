using System.Text;
using System.Text.Json;

namespace Rempart.SecLang.Tests.Crs;

/// <summary>
/// What CRS's test backend (albedo) answers: 200 with an empty body everywhere, except <c>POST /reflect</c>
/// which answers with the status, headers and body given in its JSON request.
/// </summary>
internal static class AlbedoBackend
{
    public static (int Status, List<KeyValuePair<string, string>> Headers, byte[] Body) Answer(RawHttpRequest request) =>
        Answer(request.Method, request.Uri, request.Body);

    /// <summary>The answer to <paramref name="method"/> <paramref name="uri"/> with <paramref name="requestBody"/> (also used by the gateway runner's origin).</summary>
    public static (int Status, List<KeyValuePair<string, string>> Headers, byte[] Body) Answer(string method, string uri, byte[] requestBody)
    {
        var headers = new List<KeyValuePair<string, string>>();
        if (method == "POST" && uri.StartsWith("/reflect", StringComparison.Ordinal))
        {
            try
            {
                using var doc = JsonDocument.Parse(requestBody);
                var root = doc.RootElement;
                var status = root.TryGetProperty("status", out var s) && s.TryGetInt32(out var code) ? code : 200;
                byte[] body = root.TryGetProperty("encodedBody", out var eb) && eb.GetString() is { Length: > 0 } encoded
                    ? Convert.FromBase64String(encoded)
                    : root.TryGetProperty("body", out var b) ? Encoding.UTF8.GetBytes(b.GetString() ?? "") : [];
                if (root.TryGetProperty("headers", out var h) && h.ValueKind == JsonValueKind.Object)
                {
                    foreach (var header in h.EnumerateObject())
                    {
                        headers.Add(new(header.Name, header.Value.GetString() ?? ""));
                    }
                }

                if (!headers.Any(x => x.Key.Equals("Content-Type", StringComparison.OrdinalIgnoreCase)) && body.Length > 0)
                {
                    headers.Add(new("Content-Type", Sniff(body)));
                }

                headers.Add(new("Content-Length", body.Length.ToString(System.Globalization.CultureInfo.InvariantCulture)));
                return (status, headers, body);
            }
            catch (Exception e) when (e is JsonException or FormatException or InvalidOperationException)
            {
                return (400, headers, []);
            }
        }

        headers.Add(new("Content-Length", "0"));
        return (200, headers, []);
    }

    /// <summary>A small part of Go's http.DetectContentType: HTML signatures, else plain text.</summary>
    private static string Sniff(byte[] body)
    {
        var text = Encoding.Latin1.GetString(body, 0, Math.Min(body.Length, 512)).TrimStart(' ', '\t', '\n', '\r', '\f');
        string[] html = ["<!DOCTYPE HTML", "<HTML", "<HEAD", "<SCRIPT", "<IFRAME", "<H1", "<DIV", "<FONT", "<TABLE", "<A", "<STYLE", "<TITLE", "<B", "<BODY", "<BR", "<P", "<!--"];
        foreach (var signature in html)
        {
            if (text.StartsWith(signature, StringComparison.OrdinalIgnoreCase) && text.Length > signature.Length && (text[signature.Length] == ' ' || text[signature.Length] == '>'))
            {
                return "text/html; charset=utf-8";
            }
        }

        return text.Any(c => c < 0x20 && c is not ('\t' or '\n' or '\r' or '\f')) ? "application/octet-stream" : "text/plain; charset=utf-8";
    }
}
