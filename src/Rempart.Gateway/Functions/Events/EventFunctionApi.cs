using System.Text.Json;
using Jint;
using Jint.Native;
using Jint.Runtime.Interop;

namespace Rempart.Gateway.Functions.Events;

/// <summary>
/// The <c>context</c> an event function receives as <c>handler(event, context)</c>, built once per
/// pooled engine; each call reads the running invocation's <see cref="EventInvocationState"/> from
/// the scope. Every call only records an effect (applied by the host after a clean run) or reads a
/// counter — no call touches the gateway directly:
/// <code>
/// context.decisions.add({ scope, action, duration, reason })   context.decisions.remove(scope)
/// context.ipSets.add(set, cidr, { duration })                   context.ipSets.remove(set, cidr)
/// context.counters.increment(key, window) → number              context.counters.get(key, window)
/// context.notify({ title, text, severity, fields, channels })   context.log(...)
/// </code>
/// Arguments go through <see cref="FunctionEffectsJson"/>, the same reader as HTTP functions'
/// answers. A call past <c>limits.max_effects</c> stops the run (the effects so far are applied).
/// </summary>
public static class EventFunctionApi
{
    public static JsValue Create(Engine engine, FunctionScope scope)
    {
        EventInvocationState State() => scope.State as EventInvocationState ?? throw new InvalidOperationException("no invocation is running");

        var decisions = new JsObject(engine);
        Set(engine, decisions, "add", args =>
        {
            var state = State();
            using var json = ToJson(engine, Arg(args, 0));
            Record(state, state.Effects.TryAdd(FunctionEffectsJson.ReadDecision(json.RootElement, state.Function)));
            return JsValue.Undefined;
        });
        Set(engine, decisions, "remove", args =>
        {
            var state = State();
            using var json = ToJson(engine, Arg(args, 0));
            Record(state, state.Effects.TryAdd(FunctionEffectsJson.ReadRemoval(json.RootElement, state.Function)));
            return JsValue.Undefined;
        });

        var ipSets = new JsObject(engine);
        Set(engine, ipSets, "add", args => IpSet(engine, State(), args, "add"));
        Set(engine, ipSets, "remove", args => IpSet(engine, State(), args, "remove"));

        var counters = new JsObject(engine);
        Set(engine, counters, "increment", args => (double)State().Counters.Increment(Text(Arg(args, 0), "a counter key"), Window(args)));
        Set(engine, counters, "get", args => (double)State().Counters.Get(Text(Arg(args, 0), "a counter key"), Window(args)));

        var context = new JsObject(engine);
        context.Set("decisions", decisions);
        context.Set("ipSets", ipSets);
        context.Set("counters", counters);
        Set(engine, context, "notify", args =>
        {
            var state = State();
            using var json = ToJson(engine, Arg(args, 0));
            state.Effects.TryAdd(FunctionEffectsJson.ReadNotification(json.RootElement));
            return JsValue.Undefined;
        });
        Set(engine, context, "log", args =>
        {
            scope.Log(string.Join(' ', args.Select(a => a.IsString() ? a.AsString() : a.ToString())));
            return JsValue.Undefined;
        });
        return context;
    }

    private static JsValue IpSet(Engine engine, EventInvocationState state, JsValue[] args, string op)
    {
        var options = Arg(args, 2);
        var duration = options is Jint.Native.Object.ObjectInstance o ? o.Get("duration") : JsValue.Undefined;
        var entry = new JsObject(engine);
        entry.Set("set", Arg(args, 0));
        entry.Set("cidr", Arg(args, 1));
        entry.Set("op", op);
        if (!duration.IsUndefined())
        {
            entry.Set("duration", duration);
        }

        using var json = ToJson(engine, entry);
        Record(state, state.Effects.TryAdd(FunctionEffectsJson.ReadIpSet(json.RootElement, state.SetExists)));
        return JsValue.Undefined;
    }

    private static void Record(EventInvocationState state, bool recorded)
    {
        if (!recorded)
        {
            throw new FunctionLimitException(FunctionLimit.Effects, $"the function asked for more than {state.Effects.MaxEffects} decisions and IP-set changes in one invocation (limits.max_effects)");
        }
    }

    private static string? Window(JsValue[] args) => Arg(args, 1) is { } w && !w.IsUndefined() && !w.IsNull() ? Text(w, "a counter window") : null;

    private static string Text(JsValue value, string what) => value.IsString() ? value.AsString()
        : value.IsNumber() ? value.ToString()
        : throw new FunctionEffectException($"{what} must be a string");

    private static JsValue Arg(JsValue[] args, int i) => i < args.Length ? args[i] : JsValue.Undefined;

    private static JsonDocument ToJson(Engine engine, JsValue value)
    {
        var text = new Jint.Native.Json.JsonSerializer(engine).Serialize(value);
        return text.IsString() ? JsonDocument.Parse(text.AsString()) : JsonDocument.Parse("null");
    }

    private static void Set(Engine engine, JsObject target, string name, Func<JsValue[], JsValue> body) =>
        target.Set(name, new ClrFunction(engine, name, (_, args) => body(args)));
}
