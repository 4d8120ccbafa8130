using System.Text.RegularExpressions;
using Rempart.SecLang.Text;

namespace Rempart.SecLang.Tests.Crs;

/// <summary>
/// The in-process runner's stand-in for the web server in front of the WAF (Apache httpd 2.4 with
/// <c>HttpProtocolOptions Strict</c>, as in CRS CI). It parses raw request bytes and rejects with 400 what
/// Apache rejects before ModSecurity runs; it merges repeated headers with ", ", drops Content-Length when
/// Transfer-Encoding is present and decodes chunked bodies, and reads no body without a length.
/// Strings hold one byte per char.
/// </summary>
internal sealed partial class RawHttpRequest
{
    public string Method { get; private init; } = "";
    public string Uri { get; private init; } = "";
    public string Protocol { get; private init; } = "";
    public List<KeyValuePair<string, string>> Headers { get; } = [];
    public byte[] Body { get; private set; } = [];

    /// <summary>Why the front end answered by itself: 0 = passed on; 400 = rejected; -1 = an HTTP/0.9 answer (no status line).</summary>
    public int Rejected { get; private init; }

    public static RawHttpRequest Parse(byte[] raw)
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

        var lines = text[..headerEnd].Split('\n').Select(l => l.EndsWith('\r') ? l[..^1] : l).ToList();
        var parts = lines[0].Split(' ');
        if (parts.Length == 3 && parts[2].Length == 0)
        {
            return new RawHttpRequest { Rejected = -1 };
        }

        if (parts.Length != 3 || !Token().IsMatch(parts[0]) || !ValidTarget(parts[0], parts[1]) || !Version().IsMatch(parts[2]))
        {
            return new RawHttpRequest { Rejected = 400 };
        }

        var request = new RawHttpRequest { Method = parts[0], Uri = parts[1], Protocol = parts[2] };
        foreach (var line in lines.Skip(1))
        {
            if (line.Length > 0 && (line[0] == ' ' || line[0] == '\t') && request.Headers.Count > 0)
            {
                var last = request.Headers[^1];
                request.Headers[^1] = new(last.Key, last.Value + " " + line.Trim(' ', '\t'));
                continue;
            }

            var colon = line.IndexOf(':');
            if (colon <= 0 || line.Contains('\r') || !Token().IsMatch(line[..colon]))
            {
                return new RawHttpRequest { Rejected = 400 };
            }

            var name = line[..colon];
            var value = line[(colon + 1)..].Trim(' ', '\t');
            var existing = request.Headers.FindIndex(h => h.Key.Equals(name, StringComparison.OrdinalIgnoreCase));
            if (existing >= 0)
            {
                request.Headers[existing] = new(request.Headers[existing].Key, request.Headers[existing].Value + ", " + value);
            }
            else
            {
                request.Headers.Add(new(name, value));
            }
        }

        var host = request.Get("Host");
        if ((request.Protocol == "HTTP/1.1" && string.IsNullOrEmpty(host)) || (host is not null && !Host().IsMatch(host)))
        {
            return new RawHttpRequest { Rejected = 400 };
        }

        var body = raw.AsSpan(Math.Min(raw.Length, headerEnd + separatorLength));
        if (request.Get("Transfer-Encoding") is { } encoding)
        {
            request.Headers.RemoveAll(h => h.Key.Equals("Content-Length", StringComparison.OrdinalIgnoreCase));
            request.Body = encoding.Contains("chunked", StringComparison.OrdinalIgnoreCase) ? Dechunk(body) : body.ToArray();
            return request;
        }

        if (request.Get("Content-Length") is not { } length)
        {
            return request;
        }

        if (!Digits().IsMatch(length) || !int.TryParse(length, out var n))
        {
            return new RawHttpRequest { Rejected = 400 };
        }

        request.Body = body[..Math.Min(n, body.Length)].ToArray();
        return request;
    }

    private string? Get(string name) => Headers.FirstOrDefault(h => h.Key.Equals(name, StringComparison.OrdinalIgnoreCase)).Value;

    private static bool ValidTarget(string method, string uri)
    {
        if (uri.Contains('#'))
        {
            return false;
        }

        if (method == "CONNECT")
        {
            return Authority().IsMatch(uri);
        }

        return uri.StartsWith('/') || uri == "*" || AbsoluteUri().IsMatch(uri);
    }

    private static byte[] Dechunk(ReadOnlySpan<byte> body)
    {
        var output = new List<byte>();
        var i = 0;
        while (i < body.Length)
        {
            var lineEnd = body[i..].IndexOf((byte)'\n');
            if (lineEnd < 0)
            {
                break;
            }

            var sizeText = Latin1.FromBytes(body.Slice(i, lineEnd)).Trim().Split(';')[0];
            if (!int.TryParse(sizeText, System.Globalization.NumberStyles.HexNumber, null, out var size) || size == 0)
            {
                break;
            }

            i += lineEnd + 1;
            output.AddRange(body.Slice(i, Math.Min(size, body.Length - i)));
            i += size + 2;
        }

        return [.. output];
    }

    [GeneratedRegex("^[!#$%&'*+.^_`|~0-9A-Za-z-]+$")]
    private static partial Regex Token();

    [GeneratedRegex(@"^HTTP/[1-9]\.[0-9]$")]
    private static partial Regex Version();

    [GeneratedRegex(@"^[A-Za-z0-9._\-]*(:[0-9]*)?$|^\[[0-9A-Fa-f:.]+\](:[0-9]*)?$")]
    private static partial Regex Host();

    [GeneratedRegex(@"^[A-Za-z0-9._\-]+:[0-9]+$")]
    private static partial Regex Authority();

    [GeneratedRegex(@"^[A-Za-z][A-Za-z0-9+.\-]*://[^/\s]*(/\S*)?$")]
    private static partial Regex AbsoluteUri();

    [GeneratedRegex("^[0-9]+$")]
    private static partial Regex Digits();
}
