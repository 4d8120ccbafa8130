using System.Diagnostics.Metrics;

namespace Rempart.Gateway.Functions;

/// <summary>
/// Function instruments, tagged by function name (bounded by the config): invocations by result
/// (ok, error, limit), duration, limit hits by limit (statements, time, memory, recursion, effects),
/// and for event functions the effects applied or refused, retries and dead letters.
/// </summary>
public sealed class FunctionMetrics(Meter meter)
{
    private readonly Counter<long> _invocations = meter.CreateCounter<long>("rempart_function_invocations", description: "Function invocations by function, trigger and result (ok, error, limit).");
    private readonly Histogram<double> _duration = meter.CreateHistogram<double>("rempart_function_duration_seconds", "s", "Wall time of one function invocation.");
    private readonly Counter<long> _limitHits = meter.CreateCounter<long>("rempart_function_limit_hits", description: "Invocations stopped by a limit, by function and limit (statements, time, memory, recursion).");

    private readonly Counter<long> _effects = meter.CreateCounter<long>("rempart_function_effects", description: "Effects of event functions by function, effect (decision_added, decision_removed, ip_set_added, ip_set_removed, notification) and result (applied, unchanged, refused).");
    private readonly Counter<long> _retries = meter.CreateCounter<long>("rempart_function_retries", description: "Event-function attempts that failed and were scheduled again, by function.");
    private readonly Counter<long> _deadLetters = meter.CreateCounter<long>("rempart_function_dead_letters", description: "Events an event function failed on every attempt (kept as function_dead_lettered events), by function.");

    public void Effect(string function, string effect, string result) => _effects.Add(1, new("function", function), new("effect", effect), new("result", result));

    public void Retried(string function) => _retries.Add(1, new KeyValuePair<string, object?>("function", function));

    public void DeadLettered(string function) => _deadLetters.Add(1, new KeyValuePair<string, object?>("function", function));

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
