using System.Text.Json;
using System.Text.Json.Nodes;
using Rempart.Gateway.Configuration;
using Rempart.Gateway.Waf.Statements;

namespace Rempart.Gateway.Functions.Events;

/// <summary>
/// `rempart functions test NAME --event FILE` for an event function: runs it once on a sample
/// event (the JSON an event function receives, e.g. a stored <c>function_dead_lettered</c> event's
/// <c>event</c>), under its own limits — an HTTP function's endpoint is really called, signed — and
/// reports the effects it asked for, without applying any. Counters start empty; with
/// <paramref name="times"/> above 1 the event is delivered that many times (counters shared, as in
/// the gateway) and the last run is reported — how a "three in a minute" function is tried.
/// </summary>
public static class EventFunctionTester
{
    public static async Task<JsonObject> TestAsync(GatewayConfig config, string baseDirectory, string name, string eventJson, int times = 1, CancellationToken cancellationToken = default)
    {
        var function = config.Functions[name];
        string type;
        using (var parsed = JsonDocument.Parse(eventJson))
        {
            if (parsed.RootElement.ValueKind != JsonValueKind.Object)
            {
                throw new ArgumentException("the event must be a JSON object such as { \"type\": \"request_blocked\", \"client_ip\": \"203.0.113.7\", \"labels\": [] }");
            }

            type = parsed.RootElement.TryGetProperty("type", out var t) && t.ValueKind == JsonValueKind.String ? t.GetString()! : "test";
        }

        var model = FunctionsModelCompiler.CompileEvent(name, function, baseDirectory, TimeProvider.System);
        var counters = new FunctionCounters(new RateCounterStore(TimeProvider.System), name);
        FunctionEffects effects;
        EventInvocation result;
        var run = 0;
        do
        {
            run++;
            effects = new FunctionEffects(model.MaxEffects);
            var state = new EventInvocationState(name, effects, counters, set => config.IpSets.ContainsKey(set));
            result = await model.Invoker.InvokeAsync(new EventDelivery($"test-{run}", type, eventJson, 1), state, cancellationToken).ConfigureAwait(false);
        }
        while (run < times && result.Failure is null);

        var report = new JsonObject
        {
            ["function"] = name,
            ["trigger"] = "event",
            ["runtime"] = model.Invoker.Kind,
            ["run"] = run,
            ["result"] = result.Failure?.Kind ?? "ok",
            ["duration_ms"] = Math.Round(result.Duration.TotalMilliseconds, 3),
        };
        if (result.Failure is { } failure)
        {
            report["error"] = failure.Message;
            report["limit"] = failure.LimitName;
            report["on_error"] = failure.Limit == FunctionLimit.Effects ? "apply_first_effects" : $"retry {model.Retries} times, then dead-letter";
        }

        report["effects"] = FunctionEffectsJson.Write(effects);
        report["logs"] = new JsonArray(result.Logs.Select(l => (JsonNode)l).ToArray());
        return report;
    }
}
