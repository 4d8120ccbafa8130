namespace Rempart.Gateway.Configuration.Shield;

/// <summary>HTTP/2 limits (header lists are bounded by max_request_header_size and max_request_headers, as for HTTP/1.1), including Kestrel's rapid-reset (CVE-2023-44487) mitigation.</summary>
public sealed record Http2GuardConfig
{
    [ConfigDoc("Concurrent streams per HTTP/2 connection; extra streams are refused with REFUSED_STREAM.")]
    public int MaxStreamsPerConnection { get; init; } = 100;

    [ConfigDoc("Rapid-reset guard: streams opened per second beyond the tracked limit before ENHANCE_YOUR_CALM; five seconds' worth aborts the connection. Process-wide, read at the first HTTP/2 connection (restart to change). 0: off.")]
    public int RapidResetLimit { get; init; } = 20;

    [ConfigDoc("Frames queued for a client that does not read (settings/ping floods) before the connection is aborted; at least four times the tracked streams. Process-wide like rapid_reset_limit. 0: off.")]
    public int MaxFlowControlQueue { get; init; } = 800;
}
