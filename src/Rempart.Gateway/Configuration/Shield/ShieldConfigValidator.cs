namespace Rempart.Gateway.Configuration.Shield;

/// <summary>Range checks for <c>shield:</c> and the budgets on origins and routes, each reported at its file:line.</summary>
public static class ShieldConfigValidator
{
    public static void Validate(GatewayConfig config, SourceMap map, List<ConfigError> errors)
    {
        var t = config.Shield.Transport;
        const string p = "shield.transport";
        NotNegative(map, errors, $"{p}.max_connections", t.MaxConnections, "0 turns the limit off");
        NotNegative(map, errors, $"{p}.max_connections_per_ip", t.MaxConnectionsPerIp, "0 turns the limit off");
        if (t.MaxConnections > 0 && t.MaxConnectionsPerIp > t.MaxConnections)
        {
            errors.Add(map.Error($"{p}.max_connections_per_ip", $"{t.MaxConnectionsPerIp} per IP is more than max_connections ({t.MaxConnections})", "lower it, or raise max_connections"));
        }

        AtLeast(map, errors, $"{p}.max_tracked_ips", t.MaxTrackedIps, 16);
        SizeAtLeast(map, errors, $"{p}.max_request_line_size", t.MaxRequestLineSize, 256, "8KiB");
        SizeAtLeast(map, errors, $"{p}.max_request_header_size", t.MaxRequestHeaderSize, 1024, "32KiB");
        AtLeast(map, errors, $"{p}.max_request_headers", t.MaxRequestHeaders, 8);
        Positive(map, errors, $"{p}.request_headers_timeout", t.RequestHeadersTimeout, "10s");
        Positive(map, errors, $"{p}.keep_alive_timeout", t.KeepAliveTimeout, "75s");
        NotNegative(map, errors, $"{p}.min_request_body_rate", t.MinRequestBodyRate);
        NotNegative(map, errors, $"{p}.min_response_data_rate", t.MinResponseDataRate);
        if (t.MinDataRateGrace <= TimeSpan.FromSeconds(1))
        {
            // Kestrel checks rates on its 1 s heartbeat and refuses a shorter grace period.
            errors.Add(map.Error($"{p}.min_data_rate_grace", "the grace period must be longer than 1s (Kestrel checks data rates once a second)", "write e.g. 5s"));
        }
        SizeAtLeast(map, errors, $"{p}.max_body_size", t.MaxBodySize, 0, "100MiB");
        AtLeast(map, errors, $"{p}.http2.max_streams_per_connection", t.Http2.MaxStreamsPerConnection, 1);
        NotNegative(map, errors, $"{p}.http2.rapid_reset_limit", t.Http2.RapidResetLimit, "0 turns the guard off");
        NotNegative(map, errors, $"{p}.http2.max_flow_control_queue", t.Http2.MaxFlowControlQueue, "0 turns the guard off");
        Positive(map, errors, "shield.origin_protection.retry_after", config.Shield.OriginProtection.RetryAfter, "5s");

        foreach (var (name, origin) in config.Origins)
        {
            if (origin.Budget is { } budget)
            {
                ValidateBudget(map, errors, $"origins.{name}.budget", budget);
            }
        }

        for (var i = 0; i < config.Routes.Count; i++)
        {
            if (config.Routes[i].Budget is { } budget)
            {
                ValidateBudget(map, errors, $"routes[{i}].budget", budget);
            }

            if (config.Routes[i].MaxBodySize is { } size)
            {
                SizeAtLeast(map, errors, $"routes[{i}].max_body_size", size, 0, "10MiB");
            }
        }
    }

    private static void ValidateBudget(SourceMap map, List<ConfigError> errors, string path, BudgetConfig b)
    {
        NotNegative(map, errors, $"{path}.max_concurrent", b.MaxConcurrent);
        NotNegative(map, errors, $"{path}.max_rate", b.MaxRate);
        NotNegative(map, errors, $"{path}.burst", b.Burst);
        NotNegative(map, errors, $"{path}.queue_size", b.QueueSize, "0 refuses at once when the budget is spent");
        if (b.QueueTimeout < TimeSpan.Zero)
        {
            errors.Add(map.Error($"{path}.queue_timeout", "the wait cannot be negative", "write e.g. 2s"));
        }

        if (b.MaxConcurrent == 0 && b.MaxRate == 0)
        {
            errors.Add(map.Error(path, "the budget limits nothing", "set max_concurrent, max_rate or both"));
        }
    }

    private static void NotNegative(SourceMap map, List<ConfigError> errors, string path, double value, string? fix = null)
    {
        if (value < 0 || double.IsNaN(value) || double.IsInfinity(value))
        {
            errors.Add(map.Error(path, $"{value} is not allowed here", fix is null ? "use 0 or more" : $"use 0 or more ({fix})"));
        }
    }

    private static void AtLeast(SourceMap map, List<ConfigError> errors, string path, int value, int min)
    {
        if (value < min)
        {
            errors.Add(map.Error(path, $"{value} is too small", $"use {min} or more"));
        }
    }

    private static void SizeAtLeast(SourceMap map, List<ConfigError> errors, string path, ByteSize value, long min, string example)
    {
        if (value.Bytes < min || (min == 0 && value.Bytes <= 0))
        {
            errors.Add(map.Error(path, $"the size {value.Bytes} is too small", $"use at least {min} bytes, e.g. {example}"));
        }
    }

    private static void Positive(SourceMap map, List<ConfigError> errors, string path, TimeSpan value, string example)
    {
        if (value <= TimeSpan.Zero)
        {
            errors.Add(map.Error(path, "the duration must be greater than zero", $"write e.g. {example}"));
        }
    }
}
