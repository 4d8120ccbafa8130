using Jint.Native.Json;

namespace Rempart.Gateway.Functions.Events;

/// <summary>
/// Runs <c>handler(event, context)</c> in a pooled engine under the function's limits (CPU budget,
/// statements, memory up to 3 GiB, recursion, and its timeout as the wall-clock ceiling). The event
/// is the JSON the gateway serialized, parsed in the engine; the result is ignored — a function acts
/// only through <c>context</c>. Synchronous inside (the caller is already off the request path), and
/// never more of them at once than the machine has cores.
/// </summary>
public sealed class JavaScriptEventInvoker(FunctionRuntime runtime) : IEventFunctionInvoker
{
    public string Kind => "javascript";

    public FunctionRuntime Runtime { get; } = runtime;

    // JavaScript runs on the thread pool Kestrel serves from: however many functions and consumers are
    // configured, at most one interpreter per core runs at a time, so event functions cannot starve requests.
    private static readonly SemaphoreSlim Cores = new(Environment.ProcessorCount, Environment.ProcessorCount);

    public async Task<EventInvocation> InvokeAsync(EventDelivery delivery, EventInvocationState state, CancellationToken cancellationToken)
    {
        await Cores.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            var outcome = Runtime.Invoke(delivery.Json, static (engine, json) => new JsonParser(engine).Parse(json), static (_, _, _, _) => true, state);
            return new EventInvocation(outcome.Failure, outcome.Logs, outcome.Duration);
        }
        finally
        {
            Cores.Release();
        }
    }
}
