namespace Rempart.Gateway.Functions.Events;

/// <summary>What one event-function invocation's <c>context</c> writes into: its effects, the function's counters and the IP sets it may change.</summary>
public sealed record EventInvocationState(string Function, FunctionEffects Effects, FunctionCounters Counters, Func<string, bool> SetExists);
