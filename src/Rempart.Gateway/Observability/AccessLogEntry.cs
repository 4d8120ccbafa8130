namespace Rempart.Gateway.Observability;

/// <summary>
/// One access log line, modelled on CloudFront standard logs and the AWS WAF log. Fields that
/// later stages fill (WAF verdict, terminating rule, labels, cache status) are here from the start
/// so that log pipelines never need a schema change.
/// </summary>
public sealed class AccessLogEntry
{
    public DateTimeOffset Time { get; init; }
    public required string RequestId { get; init; }
    public required string ClientIp { get; init; }
    public string Protocol { get; init; } = "";
    public string Method { get; init; } = "";
    public string Host { get; init; } = "";
    public string Path { get; init; } = "";
    public string Query { get; init; } = "";
    public int Status { get; init; }
    public long BytesIn { get; init; }
    public long BytesOut { get; init; }
    public double DurationMs { get; init; }
    public double? OriginMs { get; init; }
    public string? Route { get; init; }
    public string? Origin { get; init; }
    public string? Target { get; init; }
    public string? Error { get; init; }
    public string? UserAgent { get; init; }
    public string? Referer { get; init; }
    public string? CacheStatus { get; init; }
    public string? WafVerdict { get; init; }
    public string? WafRule { get; init; }
    public IReadOnlyList<string>? Labels { get; init; }
    public string? Decision { get; init; }
}
