using System.Diagnostics.Metrics;

namespace Rempart.Gateway.Observability;

/// <summary>
/// The gateway's instruments, named as they appear in Prometheus (the exporter adds <c>_total</c>
/// to counters). Tags are low-cardinality by construction: route and origin names come from the
/// config, methods and statuses are folded into classes.
/// </summary>
public sealed class GatewayMetrics
{
    public const string MeterName = "Rempart.Gateway";

    private readonly Counter<long> _requests;
    private readonly Histogram<double> _requestDuration;
    private readonly Histogram<double> _originDuration;
    private readonly Counter<long> _bytesIn;
    private readonly Counter<long> _bytesOut;
    private readonly Counter<long> _originErrors;
    private readonly Counter<long> _failovers;
    private readonly Counter<long> _retries;
    private readonly Counter<long> _reloads;
    private readonly Counter<long> _eventsDropped;
    private readonly Counter<long> _accessLogDropped;

    public GatewayMetrics(IMeterFactory meterFactory)
    {
        Meter = meterFactory.Create(MeterName);
        _requests = Meter.CreateCounter<long>("rempart_requests", description: "Requests answered, by route, method class and status class.");
        _requestDuration = Meter.CreateHistogram<double>("rempart_request_duration_seconds", "s", "Time from the first byte of the request to the end of the response.");
        _originDuration = Meter.CreateHistogram<double>("rempart_origin_duration_seconds", "s", "Time spent waiting for and streaming from the origin.");
        _bytesIn = Meter.CreateCounter<long>("rempart_request_bytes", "By", "Request body bytes received from clients.");
        _bytesOut = Meter.CreateCounter<long>("rempart_response_bytes", "By", "Response body bytes sent to clients.");
        _originErrors = Meter.CreateCounter<long>("rempart_origin_errors", description: "Failed origin exchanges, by origin and kind (connect, reset, invalid_response, timeout, no_healthy_target).");
        _failovers = Meter.CreateCounter<long>("rempart_origin_failovers", description: "Requests an origin group sent to its secondary.");
        _retries = Meter.CreateCounter<long>("rempart_origin_retries", description: "Idempotent requests retried on another target after a connection failure.");
        _reloads = Meter.CreateCounter<long>("rempart_config_reloads", description: "Config reloads, by result (ok, failed).");
        _eventsDropped = Meter.CreateCounter<long>("rempart_events_dropped", description: "Events a full subscriber queue could not take.");
        _accessLogDropped = Meter.CreateCounter<long>("rempart_access_log_dropped", description: "Access log lines dropped because the writer could not keep up.");
    }

    public Meter Meter { get; }

    public void RequestCompleted(string route, string method, int status, double seconds, long bytesIn, long bytesOut)
    {
        var methodClass = MethodClass(method);
        var statusClass = StatusClass(status);
        _requests.Add(1, new("route", route), new("method", methodClass), new("status", statusClass));
        _requestDuration.Record(seconds, new KeyValuePair<string, object?>("route", route));
        if (bytesIn > 0)
        {
            _bytesIn.Add(bytesIn, new KeyValuePair<string, object?>("route", route));
        }

        if (bytesOut > 0)
        {
            _bytesOut.Add(bytesOut, new KeyValuePair<string, object?>("route", route));
        }
    }

    public void OriginExchange(string origin, double seconds) => _originDuration.Record(seconds, new KeyValuePair<string, object?>("origin", origin));

    public void OriginError(string origin, string kind) => _originErrors.Add(1, new("origin", origin), new("kind", kind));

    public void Failover(string group) => _failovers.Add(1, new KeyValuePair<string, object?>("group", group));

    public void Retry(string origin) => _retries.Add(1, new KeyValuePair<string, object?>("origin", origin));

    public void Reload(bool ok) => _reloads.Add(1, new KeyValuePair<string, object?>("result", ok ? "ok" : "failed"));

    public void EventDropped(string subscriber) => _eventsDropped.Add(1, new KeyValuePair<string, object?>("subscriber", subscriber));

    public void AccessLogDropped() => _accessLogDropped.Add(1);

    public static string MethodClass(string method) => method switch
    {
        "GET" => "GET",
        "HEAD" => "HEAD",
        "POST" => "POST",
        "PUT" => "PUT",
        "DELETE" => "DELETE",
        "PATCH" => "PATCH",
        "OPTIONS" => "OPTIONS",
        _ => "other",
    };

    public static string StatusClass(int status) => status switch
    {
        < 200 => "1xx",
        < 300 => "2xx",
        < 400 => "3xx",
        < 500 => "4xx",
        _ => "5xx",
    };
}
