using System.Diagnostics.Metrics;

namespace Rempart.Gateway.Functions;

/// <summary>
/// Function instruments, tagged by function name (bounded by the config): invocations by result
/// (ok, error, limit), duration, and limit hits by limit (statements, time, memory, recursion).
/// </summary>
public sealed class FunctionMetrics(Meter meter)
{
    private readonly Counter<long> _invocations = meter.CreateCounter<long>("rempart_function_invocations", description: "Function invocations by function, trigger and result (ok, error, limit).");
    private readonly Histogram<double> _duration = meter.CreateHistogram<double>("rempart_function_duration_seconds", "s", "Wall time of one function invocation.");
    private readonly Counter<long> _limitHits = meter.CreateCounter<long>("rempart_function_limit_hits", description: "Invocations stopped by a limit, by function and limit (statements, time, memory, recursion).");

    public void Invoked(string function, string trigger, FunctionFailure? failure, TimeSpan duration)
    {
        _invocations.Add(1, new("function", function), new("trigger", trigger), new("result", failure?.Kind ?? "ok"));
        _duration.Record(duration.TotalSeconds, new KeyValuePair<string, object?>("function", function));
        if (failure?.LimitName is { } limit)
        {
            _limitHits.Add(1, new("function", function), new("limit", limit));
        }
    }
}
