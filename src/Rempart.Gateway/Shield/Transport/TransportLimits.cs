namespace Rempart.Gateway.Shield.Transport;

/// <summary>The names of the transport limits, as they appear in metrics (<c>limit</c> tag) and events.</summary>
public static class TransportLimits
{
    public const string MaxConnections = "max_connections";
    public const string MaxConnectionsPerIp = "max_connections_per_ip";
    public const string MaxTrackedIps = "max_tracked_ips";
    public const string RequestHeadersTimeout = "request_headers_timeout";
    public const string MinRequestBodyRate = "min_request_body_rate";
    public const string MinResponseDataRate = "min_response_data_rate";
    public const string MaxRequestHeaderSize = "max_request_header_size";
    public const string MaxRequestHeaders = "max_request_headers";
    public const string MaxBodySize = "max_body_size";
    public const string Http2RapidReset = "http2_rapid_reset";
    public const string Http2FlowControlQueue = "http2_flow_control_queue";

    /// <summary>Kestrel's connection end reasons (the <c>error.type</c> of kestrel.connection.duration) that are our limits firing.</summary>
    public static string? FromKestrelEndReason(string errorType) => errorType switch
    {
        "request_headers_timeout" => RequestHeadersTimeout,
        "min_request_body_data_rate" => MinRequestBodyRate,
        "min_response_data_rate" => MinResponseDataRate,
        "max_request_headers_total_size_exceeded" => MaxRequestHeaderSize,
        "max_request_header_count_exceeded" => MaxRequestHeaders,
        "max_request_body_size_exceeded" => MaxBodySize,
        "stream_reset_limit_exceeded" => Http2RapidReset,
        "flow_control_queue_size_exceeded" => Http2FlowControlQueue,
        _ => null,
    };
}
