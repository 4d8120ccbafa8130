namespace Rempart.Gateway.Functions.Events;

/// <summary>An effect written wrong (a bad scope, action, duration, set…): the invocation fails with this message.</summary>
public sealed class FunctionEffectException(string message) : Exception(message);
