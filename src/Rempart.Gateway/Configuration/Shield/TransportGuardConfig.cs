namespace Rempart.Gateway.Configuration.Shield;

/// <summary>
/// Limits Kestrel and the connection guard enforce before a request reaches the pipeline.
/// Defaults and the reasons for them are in docs/shield.md.
/// </summary>
public sealed record TransportGuardConfig
{
    [ConfigDoc("Transport limits on or off. Off leaves Kestrel's own defaults (no connection caps, 30MB bodies, 30s header timeout).")]
    public bool Enabled { get; init; } = true;

    [ConfigDoc("Open client connections accepted at once across all listeners; further connections are closed at accept. 0: no limit.")]
    public int MaxConnections { get; init; } = 10_000;

    [ConfigDoc("Open connections from one client IP at once; further connections from that IP are closed at accept. Peers in client_ip.trusted_proxies are exempt. 0: no limit.")]
    public int MaxConnectionsPerIp { get; init; } = 256;

    [ConfigDoc("Client IPs whose connection counts are tracked at once; past it the idle entries are evicted, and new IPs are refused only while every entry is busy.")]
    public int MaxTrackedIps { get; init; } = 100_000;

    [ConfigDoc("Longest request line (method, target, version); longer gets 414.")]
    public ByteSize MaxRequestLineSize { get; init; } = new(8 * 1024);

    [ConfigDoc("Total size of the request headers; larger gets 431.")]
    public ByteSize MaxRequestHeaderSize { get; init; } = new(32 * 1024);

    [ConfigDoc("Number of request headers; more gets 431.")]
    public int MaxRequestHeaders { get; init; } = 100;

    [ConfigDoc("Time a client has to send the whole request line and headers (slowloris); the connection is closed when it runs out.")]
    public TimeSpan RequestHeadersTimeout { get; init; } = TimeSpan.FromSeconds(10);

    [ConfigDoc("Idle time allowed between requests on a kept-alive connection.")]
    public TimeSpan KeepAliveTimeout { get; init; } = TimeSpan.FromSeconds(75);

    [ConfigDoc("Slowest request body upload accepted, in bytes per second, averaged after the grace period (slow POST). 0: no minimum.")]
    public double MinRequestBodyRate { get; init; } = 240;

    [ConfigDoc("Slowest response download accepted, in bytes per second, averaged after the grace period (slow read). 0: no minimum.")]
    public double MinResponseDataRate { get; init; } = 240;

    [ConfigDoc("Time before the minimum body and response rates apply, so a slow start is not punished. Longer than 1s.")]
    public TimeSpan MinDataRateGrace { get; init; } = TimeSpan.FromSeconds(5);

    [ConfigDoc("Largest request body; larger gets 413. A route's max_body_size overrides it.")]
    public ByteSize MaxBodySize { get; init; } = new(100L * 1024 * 1024);

    [ConfigDoc("HTTP/2 limits (https listeners).")]
    public Http2GuardConfig Http2 { get; init; } = new();
}
