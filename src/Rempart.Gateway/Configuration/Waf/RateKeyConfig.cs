namespace Rempart.Gateway.Configuration.Waf;

/// <summary>One part of a rate-based aggregation key: one word, or one of the named forms.</summary>
public sealed record RateKeyConfig : IScalarForm<RateKeyConfig>
{
    [ConfigDoc("The client IP.")]
    public bool Ip { get; init; }

    [ConfigDoc("The address from forwarded_ip's header.")]
    public bool ForwardedIp { get; init; }

    [ConfigDoc("One counter for every request in scope.")]
    public bool Constant { get; init; }

    [ConfigDoc("The value of this header.")]
    public string? Header { get; init; }

    [ConfigDoc("The value of this cookie.")]
    public string? Cookie { get; init; }

    [ConfigDoc("The value of this query argument.")]
    public string? QueryArgument { get; init; }

    [ConfigDoc("The whole query string.")]
    public bool QueryString { get; init; }

    [ConfigDoc("The method.")]
    public bool Method { get; init; }

    [ConfigDoc("The path.")]
    public bool UriPath { get; init; }

    [ConfigDoc("The labels of this namespace on the request.")]
    public string? LabelNamespace { get; init; }

    public static IReadOnlyList<string> ScalarForms { get; } = ["ip", "forwarded_ip", "constant", "query_string", "method", "uri_path"];

    public static RateKeyConfig? FromScalar(string text) => text switch
    {
        "ip" => new RateKeyConfig { Ip = true },
        "forwarded_ip" => new RateKeyConfig { ForwardedIp = true },
        "constant" => new RateKeyConfig { Constant = true },
        "query_string" => new RateKeyConfig { QueryString = true },
        "method" => new RateKeyConfig { Method = true },
        "uri_path" => new RateKeyConfig { UriPath = true },
        _ => null,
    };
}
