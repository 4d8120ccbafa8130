namespace Rempart.Gateway.Functions.Events;

/// <summary>
/// A compiled event function: what it subscribes to, how it runs (JavaScript or HTTP), and its
/// delivery limits. <see cref="Signature"/> changes when anything about it changes, so a reload
/// keeps the worker (and its queue) of a function it did not touch.
/// </summary>
public sealed record EventFunctionModel(
    string Name,
    EventFilter Filter,
    IEventFunctionInvoker Invoker,
    int QueueCapacity,
    int Concurrency,
    int Retries,
    TimeSpan RetryBackoff,
    int MaxEffects,
    string Signature);
