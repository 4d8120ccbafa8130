namespace Rempart.Gateway.Functions.Events;

/// <summary>Runs an event function once on one event (JavaScript here, or an HTTP endpoint), recording effects into <see cref="EventInvocationState.Effects"/>. Never throws for the function's failures.</summary>
public interface IEventFunctionInvoker
{
    /// <summary>"javascript" or "http": the runtime tag of logs and the test report.</summary>
    string Kind { get; }

    Task<EventInvocation> InvokeAsync(EventDelivery delivery, EventInvocationState state, CancellationToken cancellationToken);
}
