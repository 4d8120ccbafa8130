using System.Collections.Concurrent;
using System.Diagnostics;
using Jint;
using Jint.Native;
using Jint.Runtime;

namespace Rempart.Gateway.Functions;

/// <summary>
/// Runs one function: a pool of Jint engines that each evaluated the function's prepared script
/// once, so an invocation costs a call, not a parse. An engine serves one invocation at a time
/// (Jint engines are not thread-safe) and goes back to the pool only after a clean run; one that
/// failed or hit a limit is dropped, since a run stopped midway may leave its globals half-written.
/// Engines have no CLR access, no eval, no require, no timers: only the event, console.log and,
/// when <paramref name="makeContext"/> is given, the second argument it builds once per engine
/// (event functions' <c>context</c>: their only way to act, through the invocation's scope).
/// </summary>
public sealed class FunctionRuntime(FunctionSource source, FunctionLimits limits, Func<Engine, FunctionScope, JsValue>? makeContext = null)
{
    private static readonly int MaxPooled = Math.Max(4, Environment.ProcessorCount * 2);
    private readonly ConcurrentQueue<PooledEngine> _pool = new();

    public FunctionSource Source { get; } = source;

    public FunctionLimits Limits { get; } = limits;

    /// <summary>
    /// Invokes <c>handler(event)</c>: <paramref name="makeEvent"/> builds the event in the engine,
    /// <paramref name="read"/> turns the (awaited) result into <typeparamref name="T"/> and may throw
    /// <see cref="FunctionResultException"/> for a result of the wrong shape. Never throws.
    /// </summary>
    public FunctionOutcome<T> Invoke<TState, T>(TState state, Func<Engine, TState, JsValue> makeEvent, Func<Engine, JsValue, TState, FunctionScope, T> read, object? scopeState = null)
    {
        var started = Stopwatch.GetTimestamp();
        PooledEngine? engine = null;
        try
        {
            engine = Rent();
            engine.Scope.Clear();
            engine.Scope.State = scopeState;
            var argument = makeEvent(engine.Engine, state);
            var result = (engine.Context is { } context
                ? engine.Engine.Invoke(engine.Handler, argument, context)
                : engine.Engine.Invoke(engine.Handler, argument)).UnwrapIfPromise();
            var value = read(engine.Engine, result, state, engine.Scope);
            var logs = engine.Scope.Logs.ToArray();
            Return(engine);
            return new FunctionOutcome<T>(value, null, logs, Stopwatch.GetElapsedTime(started));
        }
        catch (Exception e) when (Classify(e) is { } failure)
        {
            var logs = engine?.Scope.Logs.ToArray() ?? [];
            return new FunctionOutcome<T>(default, failure, logs, Stopwatch.GetElapsedTime(started));
        }
    }

    private PooledEngine Rent() => _pool.TryDequeue(out var engine) ? engine : Create();

    private void Return(PooledEngine engine)
    {
        if (_pool.Count < MaxPooled)
        {
            _pool.Enqueue(engine);
        }
    }

    private PooledEngine Create()
    {
        var scope = new FunctionScope();
        var engine = new Engine(options =>
        {
            options.Strict(false);
            options.DisableStringCompilation();
            options.MaxStatements(Limits.MaxStatements);
            options.LimitMemory(Limits.MemoryBytes);
            options.LimitRecursion(Limits.RecursionDepth);
            options.Constraint(() => new CpuTimeBudgetConstraint(Limits.TimeBudget, Limits.WallCeiling));
            // A runaway regex is not stopped between statements; its own timeout is the budget's.
            options.Constraints.RegexTimeout = Limits.TimeBudget < TimeSpan.FromMilliseconds(1) ? TimeSpan.FromMilliseconds(1) : Limits.TimeBudget;
        });
        var console = new JsObject(engine);
        console.Set("log", new Jint.Runtime.Interop.ClrFunction(engine, "log", (_, args) =>
        {
            scope.Log(string.Join(' ', args.Select(a => a.IsString() ? a.AsString() : a.ToString())));
            return JsValue.Undefined;
        }));
        engine.SetValue("console", console);
        var context = makeContext?.Invoke(engine, scope);
        engine.Execute(Source.Script);
        var handler = engine.GetValue("handler");
        if (handler is not Jint.Native.Function.Function)
        {
            throw new FunctionResultException("handler is not a function");
        }

        return new PooledEngine(engine, handler, scope, context);
    }

    private static FunctionFailure? Classify(Exception e) => e switch
    {
        StatementsCountOverflowException => new(FunctionLimit.Statements, "the function ran more statements than its limit"),
        MemoryLimitExceededException => new(FunctionLimit.Memory, "the function allocated more memory than its limit"),
        RecursionDepthOverflowException => new(FunctionLimit.Recursion, "the function nested calls deeper than its limit"),
        FunctionLimitException limit => new(limit.Limit, limit.Message),
        TimeoutException or Jint.Runtime.ExecutionCanceledException or System.Text.RegularExpressions.RegexMatchTimeoutException => new(FunctionLimit.Time, "the function ran longer than its time budget"),
        JavaScriptException js => new(null, $"the function threw: {js.Message}"),
        PromiseRejectedException rejected => new(null, $"the function's promise was rejected: {rejected.Message}"),
        FunctionResultException bad => new(null, bad.Message),
        Events.FunctionEffectException effect => new(null, effect.Message),
        InvalidOperationException when e.Message.Contains("romise", StringComparison.Ordinal) => new(null, "the function's promise did not settle (it awaits something that never comes)"),
        // Anything else the interpreter raises is still the function's failure, never the gateway's.
        _ => new(null, $"the function failed: {e.Message}"),
    };

    private sealed record PooledEngine(Engine Engine, JsValue Handler, FunctionScope Scope, JsValue? Context);
}
