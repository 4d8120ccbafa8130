using Rempart.SecLang.Text;

namespace Rempart.SecLang.Tests.Crs;

/// <summary>
/// The in-process runner's stand-in for the web server in front of the WAF: parses raw request bytes
/// the way Apache does, and rejects (400) what Apache rejects before ModSecurity runs. Strings hold one byte per char.
/// </summary>
internal sealed class RawHttpRequest
{
    public string Method { get; private init; } = "";
    public string Uri { get; private init; } = "";
    public string Protocol { get; private init; } = "";
    public List<KeyValuePair<string, string>> Headers { get; } = [];
    public byte[] Body { get; private set; } = [];

    /// <summary>Parses <paramref name="raw"/>; null when the front end would answer 400 itself.</summary>
    public static RawHttpRequest? Parse(byte[] raw)
    {
        var text = Latin1.FromBytes(raw);
        var headerEnd = text.IndexOf("\r\n\r\n", StringComparison.Ordinal);
        var separatorLength = 4;
        if (headerEnd < 0)
        {
            headerEnd = text.IndexOf("\n\n", StringComparison.Ordinal);
            separatorLength = 2;
        }

        if (headerEnd < 0)
        {
            headerEnd = text.Length;
            separatorLength = 0;
        }

        var lines = text[..headerEnd].Split('\n').Select(l => l.TrimEnd('\r')).ToList();
        var requestLine = lines[0];
        var firstSpace = requestLine.IndexOf(' ');
        if (firstSpace <= 0)
        {
            return null;
        }

        var method = requestLine[..firstSpace];
        var rest = requestLine[(firstSpace + 1)..].TrimStart(' ');
        var lastSpace = rest.LastIndexOf(' ');
        var uri = lastSpace < 0 ? rest : rest[..lastSpace];
        var protocol = lastSpace < 0 ? "" : rest[(lastSpace + 1)..];
        if (uri.Length == 0 || method.Any(c => c <= ' ' || c >= 0x7f || "()<>@,;:\\\"/[]?={}".Contains(c)))
        {
            return null;
        }

        var request = new RawHttpRequest { Method = method, Uri = uri, Protocol = protocol };
        foreach (var line in lines.Skip(1))
        {
            if (line.Length > 0 && (line[0] == ' ' || line[0] == '\t') && request.Headers.Count > 0)
            {
                var last = request.Headers[^1];
                request.Headers[^1] = new(last.Key, last.Value + " " + line.Trim(' ', '\t'));
                continue;
            }

            var colon = line.IndexOf(':');
            if (colon <= 0)
            {
                return null;
            }

            request.Headers.Add(new(line[..colon], line[(colon + 1)..].Trim(' ', '\t')));
        }

        var bodyStart = Math.Min(raw.Length, headerEnd + separatorLength);
        var body = raw.AsSpan(bodyStart);
        var length = request.Headers.FirstOrDefault(h => h.Key.Equals("Content-Length", StringComparison.OrdinalIgnoreCase)).Value;
        if (length is not null && int.TryParse(length, out var n) && n >= 0 && n < body.Length)
        {
            body = body[..n];
        }

        request.Body = body.ToArray();
        return request;
    }
}
