namespace Rempart.Gateway.Configuration.Waf;

/// <summary>
/// The part of the request a statement inspects: exactly one key. The simple ones can be written
/// as one word (<c>field: query_string</c>); the others take options
/// (<c>field: { single_header: user-agent }</c>).
/// </summary>
public sealed record FieldToMatchConfig : IScalarForm<FieldToMatchConfig>
{
    [ConfigDoc("The path, without the query string, percent-encoded as received.")]
    public bool UriPath { get; init; }

    [ConfigDoc("The query string without the '?', as received.")]
    public bool QueryString { get; init; }

    [ConfigDoc("Every query argument value (and, with match_scope, names).")]
    public MatchScopeConfig? AllQueryArguments { get; init; }

    [ConfigDoc("The value of one query argument, by name (case-insensitive).")]
    public string? SingleQueryArgument { get; init; }

    [ConfigDoc("The value of one header, by name (case-insensitive).")]
    public string? SingleHeader { get; init; }

    [ConfigDoc("Headers: which ones (include/exclude) and which part (key, value, all).")]
    public MatchScopeConfig? Headers { get; init; }

    [ConfigDoc("Cookies: which ones (include/exclude) and which part (key, value, all).")]
    public MatchScopeConfig? Cookies { get; init; }

    [ConfigDoc("The method.")]
    public bool Method { get; init; }

    [ConfigDoc("The body as raw text, up to the web ACL's body_limit.")]
    public BodyFieldConfig? Body { get; init; }

    [ConfigDoc("JSON body values (and keys) at JSON Pointer paths.")]
    public JsonBodyConfig? JsonBody { get; init; }

    [ConfigDoc("Fields of urlencoded and multipart form bodies: each value, name and file name.")]
    public MatchScopeConfig? Form { get; init; }

    [ConfigDoc("The header names in the order the client sent them, lowercased, joined by ':' (HTTP/1.x; over HTTP/2 the server's order).")]
    public bool HeaderOrder { get; init; }

    [ConfigDoc("The JA3 fingerprint of the TLS ClientHello (https listeners).")]
    public bool Ja3Fingerprint { get; init; }

    [ConfigDoc("The JA4 fingerprint of the TLS ClientHello (https listeners).")]
    public bool Ja4Fingerprint { get; init; }

    public static IReadOnlyList<string> ScalarForms { get; } =
        ["uri_path", "query_string", "all_query_arguments", "headers", "cookies", "method", "body", "json_body", "form", "header_order", "ja3_fingerprint", "ja4_fingerprint"];

    public static FieldToMatchConfig? FromScalar(string text) => text switch
    {
        "uri_path" => new FieldToMatchConfig { UriPath = true },
        "query_string" => new FieldToMatchConfig { QueryString = true },
        "all_query_arguments" => new FieldToMatchConfig { AllQueryArguments = new MatchScopeConfig() },
        "headers" => new FieldToMatchConfig { Headers = new MatchScopeConfig() },
        "cookies" => new FieldToMatchConfig { Cookies = new MatchScopeConfig() },
        "method" => new FieldToMatchConfig { Method = true },
        "body" => new FieldToMatchConfig { Body = new BodyFieldConfig() },
        "json_body" => new FieldToMatchConfig { JsonBody = new JsonBodyConfig() },
        "form" => new FieldToMatchConfig { Form = new MatchScopeConfig() },
        "header_order" => new FieldToMatchConfig { HeaderOrder = true },
        "ja3_fingerprint" => new FieldToMatchConfig { Ja3Fingerprint = true },
        "ja4_fingerprint" => new FieldToMatchConfig { Ja4Fingerprint = true },
        _ => null,
    };
}
