namespace Rempart.Gateway.Functions.Edge;

/// <summary>
/// The request as an edge function sees it, independent of ASP.NET: the raw path, the query as
/// ordered name/value pairs (still percent-encoded), headers with lower-case names (Cookie apart)
/// and cookies. Repeated names are repeated pairs.
/// </summary>
public sealed record EdgeRequest(
    string Method,
    string Uri,
    IReadOnlyList<KeyValuePair<string, string>> Query,
    IReadOnlyList<KeyValuePair<string, string>> Headers,
    IReadOnlyList<KeyValuePair<string, string>> Cookies)
{
    /// <summary>The query string as sent upstream, without the leading '?'.</summary>
    public string QueryString => string.Join('&', Query.Select(p => p.Value.Length == 0 && !p.Key.Contains('=') ? p.Key : $"{p.Key}={p.Value}"));
}
