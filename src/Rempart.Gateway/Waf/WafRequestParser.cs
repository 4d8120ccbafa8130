using System.Net;
using System.Text;

namespace Rempart.Gateway.Waf;

/// <summary>
/// Builds a <see cref="WafRequest"/> for `rempart waf test` from a raw HTTP request file or from
/// curl-like arguments (-X, -H, -d/--data/--data-binary, -A, -b, URL).
/// </summary>
public static class WafRequestParser
{
    public static WafRequest FromRaw(string raw, IPAddress client)
    {
        var normalized = raw.Replace("\r\n", "\n", StringComparison.Ordinal);
        var split = normalized.IndexOf("\n\n", StringComparison.Ordinal);
        var head = split < 0 ? normalized : normalized[..split];
        var body = split < 0 ? "" : normalized[(split + 2)..];
        var lines = head.Split('\n');
        var requestLine = lines[0].Split(' ', StringSplitOptions.RemoveEmptyEntries);
        if (requestLine.Length < 2)
        {
            throw new FormatException($"'{lines[0]}' is not a request line (METHOD target HTTP/1.1)");
        }

        var headers = new List<KeyValuePair<string, string>>();
        foreach (var line in lines.Skip(1).Where(l => l.Length > 0))
        {
            var colon = line.IndexOf(':');
            if (colon <= 0)
            {
                throw new FormatException($"'{line}' is not a header line (Name: value)");
            }

            headers.Add(new(line[..colon].Trim(), line[(colon + 1)..].Trim()));
        }

        return Build(requestLine[0], requestLine[1], headers, Encoding.UTF8.GetBytes(body), client);
    }

    public static WafRequest FromCurl(IReadOnlyList<string> args, IPAddress client)
    {
        string? method = null;
        string? url = null;
        var headers = new List<KeyValuePair<string, string>>();
        var body = new StringBuilder();
        for (var i = 0; i < args.Count; i++)
        {
            var a = args[i];
            string Next() => i + 1 < args.Count ? args[++i] : throw new FormatException($"{a} needs a value");
            switch (a)
            {
                case "-X" or "--request": method = Next(); break;
                case "-H" or "--header":
                    var h = Next();
                    var colon = h.IndexOf(':');
                    if (colon <= 0)
                    {
                        throw new FormatException($"'{h}' is not a header (Name: value)");
                    }

                    headers.Add(new(h[..colon].Trim(), h[(colon + 1)..].Trim()));
                    break;
                case "-d" or "--data" or "--data-raw" or "--data-binary":
                    if (body.Length > 0)
                    {
                        body.Append('&');
                    }

                    body.Append(Next());
                    break;
                case "-A" or "--user-agent": headers.Add(new("User-Agent", Next())); break;
                case "-b" or "--cookie": headers.Add(new("Cookie", Next())); break;
                case "curl": break;
                default:
                    if (a.StartsWith('-'))
                    {
                        throw new FormatException($"curl option {a} is not supported here (use -X, -H, -d, -A, -b)");
                    }

                    url = a;
                    break;
            }
        }

        if (url is null)
        {
            throw new FormatException("no URL given");
        }

        var uri = new Uri(url.Contains("://", StringComparison.Ordinal) ? url : "http://localhost" + (url.StartsWith('/') ? "" : "/") + url);
        if (!headers.Any(h => h.Key.Equals("Host", StringComparison.OrdinalIgnoreCase)))
        {
            headers.Insert(0, new("Host", uri.Authority));
        }

        if (body.Length > 0 && !headers.Any(h => h.Key.Equals("Content-Type", StringComparison.OrdinalIgnoreCase)))
        {
            headers.Add(new("Content-Type", "application/x-www-form-urlencoded")); // as curl -d does
        }

        return Build(method ?? (body.Length > 0 ? "POST" : "GET"), uri.PathAndQuery, headers, Encoding.UTF8.GetBytes(body.ToString()), client);
    }

    private static WafRequest Build(string method, string target, List<KeyValuePair<string, string>> headers, byte[] body, IPAddress client)
    {
        var q = target.IndexOf('?');
        return new WafRequest
        {
            Method = method,
            Path = q < 0 ? target : target[..q],
            QueryString = q < 0 ? "" : target[(q + 1)..],
            Headers = headers,
            ClientIp = client,
            Body = body,
        };
    }
}
