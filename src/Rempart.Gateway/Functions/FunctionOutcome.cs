namespace Rempart.Gateway.Functions;

/// <summary>What one invocation gave: the value read from the handler's result, or why it failed; its log lines and duration.</summary>
public sealed record FunctionOutcome<T>(T? Value, FunctionFailure? Failure, IReadOnlyList<string> Logs, TimeSpan Duration)
{
    public bool Ok => Failure is null;
}
