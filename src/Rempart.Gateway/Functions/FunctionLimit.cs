namespace Rempart.Gateway.Functions;

/// <summary>The limit an invocation ran into; the wire name is the metric tag and the event field.</summary>
public enum FunctionLimit
{
    Statements,
    Time,
    Memory,
    Recursion,

    /// <summary>An event function asked for more decisions and IP-set changes than <c>limits.max_effects</c>.</summary>
    Effects,
}
