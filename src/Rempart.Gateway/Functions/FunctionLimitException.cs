namespace Rempart.Gateway.Functions;

/// <summary>Thrown by our own constraints (the CPU budget) to stop a run; mapped to a limit outcome.</summary>
internal sealed class FunctionLimitException(FunctionLimit limit, string message) : Exception(message)
{
    public FunctionLimit Limit { get; } = limit;
}
