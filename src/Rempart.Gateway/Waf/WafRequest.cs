using System.Net;

namespace Rempart.Gateway.Waf;

/// <summary>
/// What the WAF inspects of one request, independent of where it came from: the gateway builds
/// it from Kestrel's request, `rempart waf test` from a command line or a raw HTTP file.
/// </summary>
public sealed class WafRequest
{
    public required string Method { get; init; }

    /// <summary>The path as received (percent-encoded), without the query string.</summary>
    public required string Path { get; init; }

    /// <summary>The query string as received, without the '?'.</summary>
    public string QueryString { get; init; } = "";

    /// <summary>Headers in the order known to the host (names as received).</summary>
    public IReadOnlyList<KeyValuePair<string, string>> Headers { get; init; } = [];

    public IPAddress ClientIp { get; init; } = IPAddress.Loopback;

    /// <summary>The inspected part of the body (at most the web ACL's body_limit).</summary>
    public ReadOnlyMemory<byte> Body { get; init; }

    /// <summary>True when the body is longer than <see cref="Body"/>.</summary>
    public bool BodyOversize { get; init; }

    /// <summary>The request id (SecLang's UNIQUE_ID); null outside the gateway.</summary>
    public string? RequestId { get; init; }

    /// <summary>The request target exactly as received (path and query), for engines that want it whole.</summary>
    public string RawTarget => QueryString.Length == 0 ? Path : $"{Path}?{QueryString}";

    /// <summary>
    /// The target as it stood in the request line, absolute-form included (<c>http://host/x</c>), which
    /// <see cref="Path"/> normalises away; SecLang's REQUEST_LINE and REQUEST_URI_RAW are made of it (CRS 920100
    /// checks it). Null: <see cref="RawTarget"/>.
    /// </summary>
    public string? RequestLineTarget { get; init; }

    public string Protocol { get; init; } = "HTTP/1.1";

    public int ClientPort { get; init; }

    public string ServerAddress { get; init; } = "127.0.0.1";

    public int ServerPort { get; init; }

    public string? Ja3Fingerprint { get; init; }

    public string? Ja4Fingerprint { get; init; }

    /// <summary>Header names in arrival order (lowercased, ':'-joined) when the connection was observed; null otherwise.</summary>
    public string? HeaderOrder { get; init; }

    public string? Header(string name)
    {
        foreach (var (key, value) in Headers)
        {
            if (string.Equals(key, name, StringComparison.OrdinalIgnoreCase))
            {
                return value;
            }
        }

        return null;
    }

    public string ContentType => Header("Content-Type") ?? "";
}
