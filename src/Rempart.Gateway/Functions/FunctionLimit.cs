namespace Rempart.Gateway.Functions;

/// <summary>The limit an invocation ran into; the wire name is the metric tag and the event field.</summary>
public enum FunctionLimit
{
    Statements,
    Time,
    Memory,
    Recursion,
}
