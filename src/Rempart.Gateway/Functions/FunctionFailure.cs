namespace Rempart.Gateway.Functions;

/// <summary>Why an invocation failed: a limit it ran into, or (Limit null) an error the script threw or a bad result.</summary>
public sealed record FunctionFailure(FunctionLimit? Limit, string Message)
{
    /// <summary>"error", or "limit" when a limit stopped the run: the result tag of the metrics.</summary>
    public string Kind => Limit is null ? "error" : "limit";

    public string? LimitName => Limit is { } l ? Configuration.ConfigNaming.ToSnakeCase(l.ToString()) : null;
}
