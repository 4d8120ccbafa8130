namespace Rempart.Gateway.Functions.Edge;

/// <summary>A response as an edge function sees it or makes it: status, headers (lower-case names, Set-Cookie apart), cookies, and a body for answers a viewer-request function makes.</summary>
public sealed record EdgeResponse(
    int StatusCode,
    string? StatusDescription,
    IReadOnlyList<KeyValuePair<string, string>> Headers,
    IReadOnlyList<EdgeSetCookie> Cookies,
    byte[]? Body);

/// <summary>One Set-Cookie: name, value, and the attributes as written ("Path=/; Secure").</summary>
public sealed record EdgeSetCookie(string Name, string Value, string Attributes)
{
    public override string ToString() => Attributes.Length == 0 ? $"{Name}={Value}" : $"{Name}={Value}; {Attributes}";

    public static EdgeSetCookie Parse(string header)
    {
        var semi = header.IndexOf(';');
        var pair = semi < 0 ? header : header[..semi];
        var attributes = semi < 0 ? "" : header[(semi + 1)..].Trim();
        var eq = pair.IndexOf('=');
        return eq < 0 ? new EdgeSetCookie(pair.Trim(), "", attributes) : new EdgeSetCookie(pair[..eq].Trim(), pair[(eq + 1)..].Trim(), attributes);
    }
}
