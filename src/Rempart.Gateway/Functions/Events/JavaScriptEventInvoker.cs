using Jint.Native.Json;

namespace Rempart.Gateway.Functions.Events;

/// <summary>
/// Runs <c>handler(event, context)</c> in a pooled engine under the function's limits (CPU budget,
/// statements, memory up to 3 GiB, recursion, and its timeout as the wall-clock ceiling). The event
/// is the JSON the gateway serialized, parsed in the engine; the result is ignored — a function acts
/// only through <c>context</c>. Synchronous inside: the caller is already off the request path.
/// </summary>
public sealed class JavaScriptEventInvoker(FunctionRuntime runtime) : IEventFunctionInvoker
{
    public string Kind => "javascript";

    public FunctionRuntime Runtime { get; } = runtime;

    public Task<EventInvocation> InvokeAsync(EventDelivery delivery, EventInvocationState state, CancellationToken cancellationToken)
    {
        var outcome = Runtime.Invoke(delivery.Json, static (engine, json) => new JsonParser(engine).Parse(json), static (_, _, _, _) => true, state);
        return Task.FromResult(new EventInvocation(outcome.Failure, outcome.Logs, outcome.Duration));
    }
}
