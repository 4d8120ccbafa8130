namespace Rempart.Gateway.Functions.Events;

/// <summary>How one attempt went: its failure (null when clean), log lines and wall time. The effects are in the attempt's <see cref="FunctionEffects"/>.</summary>
public sealed record EventInvocation(FunctionFailure? Failure, IReadOnlyList<string> Logs, TimeSpan Duration);
