using System.Net;

namespace Rempart.Gateway.Configuration;

/// <summary>A parsed listener URL: http(s)://host:port, where host is an IP, localhost, or * / 0.0.0.0 for all.</summary>
public sealed record ListenAddress(bool Https, IPAddress Address, int Port, string Original)
{
    public static bool TryParse(string text, out ListenAddress? address, out string? problem)
    {
        address = null;
        problem = null;
        var normalized = text.Replace("://*:", "://0.0.0.0:", StringComparison.Ordinal).Replace("://+:", "://0.0.0.0:", StringComparison.Ordinal);
        if (!Uri.TryCreate(normalized, UriKind.Absolute, out var uri) || (uri.Scheme != "http" && uri.Scheme != "https"))
        {
            problem = $"'{text}' is not an http:// or https:// address";
            return false;
        }

        if (uri.AbsolutePath != "/" || uri.Query.Length > 0)
        {
            problem = $"'{text}' has a path; a listener is only scheme, host and port";
            return false;
        }

        IPAddress ip;
        if (uri.Host == "localhost")
        {
            ip = IPAddress.Loopback;
        }
        else if (!IPAddress.TryParse(uri.Host.Trim('[', ']'), out ip!))
        {
            problem = $"'{uri.Host}' is not an IP address; listeners bind to addresses, not names";
            return false;
        }

        address = new ListenAddress(uri.Scheme == "https", ip, uri.Port, text);
        return true;
    }
}
